"""Times the voice webhooks against a running assistant, with many calls at once, as Twilio drives them.

    TWILIO_AUTH_TOKEN=bench PUBLIC_BASE_URL=http://127.0.0.1:5005 make run     # in one terminal
    TWILIO_AUTH_TOKEN=bench PYTHONPATH=. .venv/bin/python -m benchmarks.voice_calls --calls 20

Each call rings the demo pizzeria, orders, answers the questions and hangs up; a turn's latency is from the
signed POST to the TwiML answer (what a caller waits for after they stop talking, before Twilio speaks).
"""

import argparse
import asyncio
import os
import statistics
import time

from tests.e2e.clients import TwilioCall

PIZZERIA_NUMBER = "+15005550101"
TURNS = [
    "two large pepperoni pizzas for pickup at 7 pm",
    "it's Jordan",
    "what time do you close",
    "no thanks that's everything",
]


async def one_call(stack, caller: str, samples: list) -> None:
    call = TwilioCall(stack, PIZZERIA_NUMBER, caller)
    started = time.perf_counter()
    twiml = await call.ring()
    samples.append((time.perf_counter() - started) * 1000)
    for text in TURNS:
        if twiml.find("Gather") is None:
            break
        started = time.perf_counter()
        twiml = await call.say(twiml, text)
        samples.append((time.perf_counter() - started) * 1000)
    await call.hang_up()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    parser.add_argument("--public-url", default=os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5005"))
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    stack = {"rasa": args.rasa_url, "public": args.public_url, "auth_token": os.environ["TWILIO_AUTH_TOKEN"]}
    samples: list = []

    async def all_calls():
        await asyncio.gather(*(one_call(stack, f"+1415556{n:04d}", samples) for n in range(args.calls)))

    started = time.perf_counter()
    asyncio.run(all_calls())
    elapsed = time.perf_counter() - started
    samples.sort()
    print(f"{args.calls} simultaneous calls, {len(samples)} webhook answers in {elapsed:.1f} s")
    print(f"answer latency: p50 {statistics.median(samples):.0f} ms  p95 {samples[int(len(samples) * 0.95) - 1]:.0f} ms  "
          f"max {samples[-1]:.0f} ms")


if __name__ == "__main__":
    main()
