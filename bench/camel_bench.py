"""Time CAMeL Tools on the texts `marsad bench text` times, for a like-for-like comparison.

Usage: camel_bench.py DOCS.jsonl   (one JSON string per line: the text of one document)

Per document: normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar,
dediac_ar, then simple_word_tokenize. Prints one JSON object with bytes (UTF-8), documents,
tokens, seconds (CPU time of the thread, as marsad measures itself) and MB/s (10^6 bytes per
second). Reading the file is not timed.
"""

import json
import sys
import time

from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)


def main(path):
    with open(path, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    nbytes = sum(len(d.encode("utf-8")) for d in docs)
    tokens = 0
    start = time.thread_time()
    for d in docs:
        s = normalize_alef_ar(d)
        s = normalize_alef_maksura_ar(s)
        s = normalize_teh_marbuta_ar(s)
        s = dediac_ar(s)
        tokens += len(simple_word_tokenize(s))
    seconds = time.thread_time() - start
    print(
        json.dumps(
            {
                "bytes": nbytes,
                "documents": len(docs),
                "tokens": tokens,
                "seconds": seconds,
                "mb_per_s": nbytes / seconds / 1e6,
            }
        )
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: camel_bench.py DOCS.jsonl")
    main(sys.argv[1])
