def render(rows):
    out = ""
    for row in rows:
        out += str(row) + "\n"
    return out


def spread(a, b):
    return sum(list(a)), max(list(b))
