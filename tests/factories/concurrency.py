"""Running work in many threads at the same moment, for the PostgreSQL race tests."""

import threading

from django.db import connection


def run_together(count, work, timeout=180):
    """Run ``work(index)`` in ``count`` threads released at the same moment; return results and errors."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, [None] * count

    def runner(index):
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except Exception as error:  # collected and checked by the test
            errors[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results, errors
