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


def collect_harder(times):
    for _ in range(times):
        gc.collect()  # the loop exists to collect: finalizers can free more on each pass


def until_clean():
    for _ in range(100):
        if gc.collect() == 0:  # what was collected decides when to stop
            break


def set_gc_state(state):
    if state:
        gc.enable()
    else:
        gc.disable()  # a helper that sets the mode on purpose: no region to close


class Case:
    def setUp(self):
        gc.disable()  # tearDown turns it back on

    def tearDown(self):
        gc.enable()

    def test_no_cycles(self, cleanup):
        cleanup(gc.enable)
        gc.disable()  # re-enabled by the registered cleanup, even on failure
