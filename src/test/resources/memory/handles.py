"""Event-loop handles and done-callbacks of objects of no known class (CallModelTest; verdicts
measured with CPython 3.12 and a real asyncio event loop, the timer fired or the futures done)."""

def timer_closing_over_its_handle(loop, delay):
    handle = None
    def on_timeout():
        print(handle is not None)
    handle = loop.call_later(delay, on_timeout)
    return 0

def timer_cancelled(loop, delay):
    handle = None
    def on_timeout():
        print(handle is not None)
    handle = loop.call_later(delay, on_timeout)
    handle.cancel()
    return 0

def timer_not_kept(loop, delay):
    def on_timeout():
        print("timeout")
    loop.call_later(delay, on_timeout)
    return 0

def completions_through_a_timer(futures, loop, delay):
    pending = set(futures)
    handle = None
    def on_timeout():
        for f in pending:
            f.remove_done_callback(on_completion)
        pending.clear()
    def on_completion(f):
        pending.discard(f)
        if not pending and handle is not None:
            handle.cancel()
    for f in pending:
        f.add_done_callback(on_completion)
    handle = loop.call_later(delay, on_timeout)
    return 0

def completion_without_timer(futures):
    pending = set(futures)
    def on_completion(f):
        pending.discard(f)
    for f in pending:
        f.add_done_callback(on_completion)
    return 0
