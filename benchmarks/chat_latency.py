"""Times replies over the web chat against a running assistant (`make run`), as a browser sees them.

    python -m benchmarks.chat_latency [--rasa-url URL] [--conversations N]

Each conversation is a whole order; a turn's latency is from sending a message to its first reply.
"""

import argparse
import asyncio
import statistics
import time

from tests.e2e.clients import WebChat

TURNS = [
    "hi",
    "two large pepperoni pizzas, one with extra cheese, and a coke, pickup tomorrow at 6:30 pm, name's Dana",
    "415 555 0199",
    "how much is the large?",
    "make the coke a sprite",
    "no",
    "cancel the order",
]


async def conversation(rasa_url, samples):
    async with WebChat(rasa_url, "tonys-pizzeria") as chat:
        for text in TURNS:
            started = time.perf_counter()
            await chat.say(text, settle=0.0, timeout=30)
            samples.setdefault(text, []).append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(1.0)
            while not chat.replies.empty():
                chat.replies.get_nowait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    parser.add_argument("--conversations", type=int, default=5)
    args = parser.parse_args()
    samples = {}
    for _ in range(args.conversations):
        asyncio.run(conversation(args.rasa_url, samples))
    everything = sorted(ms for turn in samples.values() for ms in turn)
    for text, turn in samples.items():
        print(f"{statistics.median(turn):8.1f} ms median  {text[:60]!r}")
    print(f"all turns: n={len(everything)}  p50 {statistics.median(everything):.1f} ms  "
          f"p95 {everything[int(len(everything) * 0.95) - 1]:.1f} ms  max {everything[-1]:.1f} ms")


if __name__ == "__main__":
    main()
