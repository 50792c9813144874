# PEP 758: except and except* without parentheses (no 'as' clause).
def handlers():
    try:
        pass
    except ValueError, TypeError:
        pass
    except (KeyError, IndexError) as e:
        raise
    except OSError, RuntimeError, ArithmeticError:
        return 1

    try:
        pass
    except* ValueError, TypeError:
        pass
    except* OSError:
        pass
    finally:
        return 2
