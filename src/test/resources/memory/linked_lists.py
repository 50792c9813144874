"""Doubly linked lists: built pairwise over a list's items, and emptied by remove() (LinkedListsTest; CPython 3.12 verdicts)."""


class Link:
    def __init__(self, value):
        self.value = value
        self.prev = None
        self.next = None


def _linked(n):
    links = [Link(i) for i in range(n)]
    for first, second in zip(links, links[1:]):
        first.next = second
        second.prev = first
    return links


def _forward_only(n):
    links = [Link(i) for i in range(n)]
    for first, second in zip(links, links[1:]):
        first.next = second
    return links


def linked_and_dropped(n):
    return len(_linked(n))


def head_unlinked(n):
    links = _linked(n)
    head = links[0]
    head.next.prev = None
    head.next = None
    return len(links)


def next_links_cleared(n):
    links = _linked(n)
    for link in links:
        link.next = None
    return len(links)


def forward_only(n):
    return len(_forward_only(n))


class Track:
    def __init__(self, title):
        self.title = title
        self.prev = None
        self.next = None


class Playlist:
    def __init__(self):
        self.head = None
        self.tail = None
        self.length = 0

    def append(self, track):
        if self.tail is None:
            self.head = self.tail = track
        else:
            track.prev = self.tail
            self.tail.next = track
            self.tail = track
        self.length += 1

    def remove(self, track):
        if track.prev is None:
            self.head = track.next
        else:
            track.prev.next = track.next
        if track.next is None:
            self.tail = track.prev
        else:
            track.next.prev = track.prev
        track.prev = track.next = None
        self.length -= 1


def _playlist(n):
    playlist = Playlist()
    for i in range(n):
        playlist.append(Track(i))
    return playlist


def emptied_by_remove(n):
    playlist = _playlist(n)
    while playlist.head is not None:
        track = playlist.head
        playlist.remove(track)
    return 0


def emptied_but_two(n):
    playlist = _playlist(n)
    while playlist.length > 2:
        track = playlist.head
        playlist.remove(track)
    return 0
