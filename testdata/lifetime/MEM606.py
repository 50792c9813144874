"""Tuning the garbage collector around bulk work."""
import gc
import time


def load_fast(rows):
    gc.disable()  # expect: MEM606
    objs = [dict(r) for r in rows]
    gc.enable()
    return objs


def load_guarded(rows):
    gc.disable()
    try:
        return [dict(r) for r in rows]
    finally:
        gc.enable()


def load_inside_try(rows):
    try:
        gc.disable()
        return [dict(r) for r in rows]
    finally:
        gc.enable()


def no_automatic_gc():
    gc.set_threshold(0)  # expect: MEM606


def tuned():
    gc.set_threshold(50_000, 20, 20)


def poll(jobs):
    for job in jobs:
        job.run()
        gc.collect()  # expect: MEM606


def cleanup_once(jobs):
    for job in jobs:
        job.run()
    gc.collect()


def wait():
    while True:
        time.sleep(1)
        break


def restore(was_enabled):
    try:
        pass
    finally:
        if not was_enabled:
            gc.disable()
