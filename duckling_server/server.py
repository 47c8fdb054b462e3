"""`POST /parse` with form fields text, locale, tz, reftime (ms) and dims (JSON list), as Duckling's server takes them."""

import asyncio
import json
import os
from concurrent.futures import ThreadPoolExecutor
from zoneinfo import ZoneInfoNotFoundError

from sanic import Sanic, response

from duckling_server.engine import DucklingEngine

MAX_TEXT = 2000


def create_app(engine: DucklingEngine) -> Sanic:
    app = Sanic("duckling")
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="duckling")

    @app.before_server_start
    async def _start(_app, _loop):
        await asyncio.get_running_loop().run_in_executor(executor, engine.start)

    @app.get("/")
    async def health(_request):
        return response.text("quack!")

    @app.post("/parse")
    async def parse(request):
        form = request.form
        text = form.get("text")
        if text is None:
            return response.json({"error": "form field 'text' is required"}, status=400)
        if len(text) > MAX_TEXT:
            return response.json({"error": f"text longer than {MAX_TEXT} characters"}, status=413)
        try:
            reftime = int(form.get("reftime")) if form.get("reftime") else None
            dims = json.loads(form.get("dims")) if form.get("dims") else None
            result = await asyncio.get_running_loop().run_in_executor(
                executor,
                lambda: engine.parse(text, form.get("locale") or "en_US", form.get("tz") or "UTC", reftime, dims),
            )
        except (ValueError, TypeError, ZoneInfoNotFoundError) as error:
            return response.json({"error": str(error)}, status=400)
        return response.json(result)

    return app


def main() -> None:
    languages = os.environ.get("DUCKLING_LANGUAGES", "en,es,zh").split(",")
    app = create_app(DucklingEngine(languages))
    app.run(
        host=os.environ.get("DUCKLING_HOST", "127.0.0.1"),
        port=int(os.environ.get("DUCKLING_PORT", "8000")),
        workers=1,
        access_log=False,
    )


if __name__ == "__main__":
    main()
