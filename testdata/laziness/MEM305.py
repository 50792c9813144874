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


def count_words(path):
    with open(path) as f:
        lines = f.readlines()  # expect: MEM305
        for line in lines:
            print(len(line.split()))


def closed_before_the_loop(path):
    with open(path) as f:
        lines = f.readlines()
    for line in lines:  # the file is closed here: the list is needed
        print(line)


def read_twice(path):
    with open(path) as f:
        lines = f.readlines()
        for line in lines:
            print(line)
        return len(lines)
