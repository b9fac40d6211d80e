"""Benchmark of the text analysis: `.venv/bin/python bench/moderation_analysis.py`.

Measures analysed verbatims per second on one core: the process is pinned to one CPU and the
numeric libraries to one thread. The pipeline (spaCy's French model, lexicons, patterns) is
loaded first by one warm-up analysis, timed apart. Then `analyse_text` runs, one text at a
time as the background task does, over two sets built from `tests/data/moderation_labelled.csv`:

1. the labelled texts repeated up to BENCH_TEXTS texts (default 5,000; 1 to 116 words each);
2. BENCH_LONG_TEXTS long texts (default 500) of about 1,000 characters, each made of consecutive
   labelled texts.

Reports texts per second, milliseconds per text (median and 95th percentile), characters per
second, texts per second of CPU time (the same, were the core not shared with other
processes) and the peak resident memory. Ends with one JSON line of the figures.
"""

import argparse
import json
import os
import statistics
import time

# One core: set before numpy and thinc load their thread pools.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

from common import ROOT, django_environment, peak_mib  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "moderation_labelled.csv"
TEXTS = int(os.environ.get("BENCH_TEXTS", "5000"))
LONG_TEXTS = int(os.environ.get("BENCH_LONG_TEXTS", "500"))
LONG_CHARACTERS = 1000


def short_texts(labelled, count):
    return [labelled[index % len(labelled)] for index in range(count)]


def long_texts(labelled, count):
    """`count` texts of about LONG_CHARACTERS characters, joined from consecutive labelled texts."""
    texts, start = [], 0
    while len(texts) < count:
        parts, size = [], 0
        while size < LONG_CHARACTERS:
            part = labelled[start % len(labelled)]
            start += 1
            parts.append(part)
            size += len(part) + 1
        texts.append(" ".join(parts))
    return texts


def measure(analyse_text, texts):
    durations = []
    cpu_start = time.process_time()
    start = time.perf_counter()
    for text in texts:
        began = time.perf_counter()
        analyse_text(text)
        durations.append(time.perf_counter() - began)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    milliseconds = sorted(duration * 1000 for duration in durations)
    return {
        "texts": len(texts),
        "average_characters": round(sum(map(len, texts)) / len(texts)),
        "seconds": round(seconds, 2),
        "texts_per_second": round(len(texts) / seconds, 1),
        "cpu_seconds": round(cpu_seconds, 2),
        "texts_per_cpu_second": round(len(texts) / cpu_seconds, 1),
        "characters_per_second": round(sum(map(len, texts)) / seconds),
        "p50_ms": round(statistics.median(milliseconds), 2),
        "p95_ms": round(milliseconds[int(0.95 * (len(milliseconds) - 1))], 2),
        "max_ms": round(milliseconds[-1], 2),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=TEXTS)
    parser.add_argument("--long-texts", type=int, default=LONG_TEXTS)
    options = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    os.environ.update(django_environment())
    import django

    django.setup()
    from sirius.moderation.analysis import analyse_text
    from sirius.moderation.evaluation import read_labelled

    labelled = [row.text for row in read_labelled(LABELLED)]
    start = time.perf_counter()
    analyse_text(labelled[0])  # loads spaCy's model, the lexicons and the patterns
    load_seconds = time.perf_counter() - start
    memory_after_load = peak_mib()

    results = {
        "load_seconds": round(load_seconds, 2),
        "peak_mib_after_load": round(memory_after_load),
        "short": measure(analyse_text, short_texts(labelled, options.texts)),
        "long": measure(analyse_text, long_texts(labelled, options.long_texts)),
        "peak_mib": round(peak_mib()),
        "cpus": sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
    }
    print(f"Chargement du pipeline : {results['load_seconds']} s, {memory_after_load:.0f} Mio")
    for label, key in (("textes étiquetés", "short"), ("textes longs", "long")):
        figures = results[key]
        print(
            f"{label} : {figures['texts']} textes de {figures['average_characters']} caractères "
            f"en moyenne en {figures['seconds']} s → {figures['texts_per_second']} textes/s "
            f"({figures['texts_per_cpu_second']} par seconde de CPU), "
            f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, max {figures['max_ms']} ms"
        )
    print(f"Pic mémoire : {results['peak_mib']} Mio")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
