"""A double of Twilio's Messages REST API (2010-04-01): Basic auth with the account sid and auth token,
form-encoded To/From/Body, a JSON message resource back, and Twilio's JSON error body on a bad request."""

import uuid
from typing import Any, Dict, List

from aiohttp import BasicAuth, web

from tests.doubles.server import Double


class TwilioDouble(Double):
    def __init__(self, account_sid: str = "AC" + "0" * 32, auth_token: str = "twilio-test-token"):
        super().__init__()
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.messages: List[Dict[str, Any]] = []

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", self._create_message)

    @staticmethod
    def _error(status: int, code: int, message: str) -> web.Response:
        return web.json_response({"code": code, "message": message, "more_info": f"https://www.twilio.com/docs/errors/{code}",
                                  "status": status}, status=status)

    async def _create_message(self, request: web.Request) -> web.Response:
        try:
            auth = BasicAuth.decode(request.headers.get("Authorization", ""))
        except ValueError:
            auth = None
        if auth is None or (auth.login, auth.password) != (self.account_sid, self.auth_token) \
                or request.match_info["sid"] != self.account_sid:
            return self._error(401, 20003, "Authentication Error - invalid username")
        form = await request.post()
        if not form.get("To"):
            return self._error(400, 21604, "A 'To' phone number is required.")
        if not form.get("From"):
            return self._error(400, 21603, "A 'From' phone number is required.")
        if not form.get("Body"):
            return self._error(400, 21602, "Message body is required.")
        message = {"sid": "SM" + uuid.uuid4().hex, "account_sid": self.account_sid, "to": form["To"],
                   "from": form["From"], "body": form["Body"], "status": "queued", "num_segments": "1"}
        self.messages.append(message)
        return web.json_response(message, status=201)
