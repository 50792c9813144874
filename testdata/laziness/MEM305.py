"""Reading text files line by line."""


def count_errors(path):
    n = 0
    with open(path) as f:
        for line in f.readlines():  # expect: MEM305
            if "ERROR" in line:
                n += 1
    return n


def stripped(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f.read().splitlines()]  # expect: MEM305


def first_word(path):
    for line in open(path).readlines():  # expect: MEM305
        return line.split()[0]


def streaming(path):
    with open(path) as f:
        for line in f:
            print(line)


def keep_all(path):
    with open(path) as f:
        lines = f.readlines()
    return lines


def not_a_file(doc):
    for line in doc.readlines():
        print(line)


def text_lines(text: str):
    for line in text.splitlines():
        print(line)
