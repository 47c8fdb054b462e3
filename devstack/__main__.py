"""Starts Duckling, the action server, the board (with the outbox worker) and Rasa; Ctrl-C stops them all.

Ports come from DUCKLING_PORT, ACTION_PORT, BOARD_PORT and RASA_PORT, logs go to DEVSTACK_LOG_DIR
(default var/logs); `--only a,b` starts a subset.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List

from editor.accounts import demo_owner
from playbooks import Playbook, PlaybookError, default_registry
from storage import Database

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@dataclass
class Service:
    name: str
    command: List[str]
    health_url: str
    ready_seconds: float


def _ports() -> Dict[str, int]:
    return {
        "duckling": int(os.environ.get("DUCKLING_PORT", "8000")),
        "actions": int(os.environ.get("ACTION_PORT", "5055")),
        "board": int(os.environ.get("BOARD_PORT", "8080")),
        "rasa": int(os.environ.get("RASA_PORT", "5005")),
    }


def services() -> List[Service]:
    ports = _ports()
    model = os.environ.get("RASA_MODEL", str(ROOT / "models" / "assistant.tar.gz"))
    return [
        Service("duckling", [sys.executable, "-m", "duckling_server"], f"http://127.0.0.1:{ports['duckling']}/", 90),
        Service(
            "actions",
            [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(ports["actions"])],
            f"http://127.0.0.1:{ports['actions']}/health",
            90,
        ),
        Service("board", [sys.executable, "-m", "board"], f"http://127.0.0.1:{ports['board']}/", 60),
        Service(
            "rasa",
            [
                str(BIN / "rasa"), "run", "--model", model, "--credentials", "credentials.yml",
                "--endpoints", "endpoints.yml", "--port", str(ports["rasa"]), "--cors", "*",
            ],
            f"http://127.0.0.1:{ports['rasa']}/",
            240,
        ),
    ]


def service_environment() -> Dict[str, str]:
    ports = _ports()
    env = dict(os.environ)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["DUCKLING_URL"] = f"http://127.0.0.1:{ports['duckling']}"
    env["RASA_DUCKLING_HTTP_URL"] = env["DUCKLING_URL"]
    env["ACTION_SERVER_URL"] = f"http://127.0.0.1:{ports['actions']}/webhook"
    env["RASA_URL"] = f"http://127.0.0.1:{ports['rasa']}"
    env.setdefault("PUBLIC_BASE_URL", env["RASA_URL"])
    env.setdefault("TWILIO_AUTH_TOKEN", "")
    env.setdefault("EMAIL_LISTEN_HOST", "127.0.0.1")
    env.setdefault("EMAIL_LISTEN_PORT", "2525")
    env.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'assistant.db'}")
    return env


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            return reply.status < 500
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


class Stack:
    def __init__(self, chosen: List[Service], log_dir: Path):
        self.chosen = chosen
        self.log_dir = log_dir
        self.processes: Dict[str, subprocess.Popen] = {}

    def start(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        env = service_environment()
        for service in self.chosen:
            log = open(self.log_dir / f"{service.name}.log", "ab")
            self.processes[service.name] = subprocess.Popen(
                service.command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        for service in self.chosen:
            self._wait_ready(service)

    def _wait_ready(self, service: Service) -> None:
        deadline = time.monotonic() + service.ready_seconds
        while time.monotonic() < deadline:
            if self.processes[service.name].poll() is not None:
                raise RuntimeError(f"{service.name} exited; see {self.log_dir / (service.name + '.log')}")
            if _healthy(service.health_url):
                print(f"  {service.name:9} ready  {service.health_url}", flush=True)
                return
            time.sleep(0.5)
        raise RuntimeError(f"{service.name} not ready after {service.ready_seconds:.0f}s; see {self.log_dir}")

    def failed(self) -> List[str]:
        return [name for name, process in self.processes.items() if process.poll() is not None]

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self.processes.values():
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _interrupt(*_signal_args) -> None:
    """Ctrl-C and SIGTERM stop the stack, even where SIGINT was inherited as ignored (a background job)."""
    raise KeyboardInterrupt


def _editor_login(business_id: str) -> str:
    """How to log in to the playbook editor: a new demo owner's password is shown here once, and only here."""
    created = demo_owner(Database(service_environment()["DATABASE_URL"]), business_id)
    if created is None:
        return f"log in as its owner; new password: python -m editor add-owner {business_id} EMAIL"
    return f"log in as {created[0]} with password {created[1]} (shown once)"


def _ready_text(businesses: List[Playbook], ports: Dict[str, int]) -> str:
    board = f"http://localhost:{ports['board']}"
    lines = ["", "Ready. Open:", f"  {'Businesses, boards and chats':48} {board}/"]
    default = os.environ.get("DEFAULT_BUSINESS_ID", "tonys-pizzeria")
    if any(playbook.id == default for playbook in businesses):
        lines.append(f"  {'Playbook editor':48} {board}/editor/{default}   {_editor_login(default)}")
    for playbook in sorted(businesses, key=lambda playbook: (playbook.trade, playbook.id)):
        lines.append(f"  {playbook.name + ' (' + playbook.trade + ')':48} {board}/chat/{playbook.id}   {board}/board/{playbook.id}")
    rasa = f"http://localhost:{ports['rasa']}/webhooks"
    lines += [f"  {'Twilio voice webhook (and /status callback)':48} {rasa}/twilio_voice/webhook",
              f"  {'Twilio SMS webhook':48} {rasa}/twilio_sms/webhook"]
    env = service_environment()
    if env["EMAIL_LISTEN_PORT"]:
        lines.append(f"  {'Email (SMTP) for every business address':48} {env['EMAIL_LISTEN_HOST']}:{env['EMAIL_LISTEN_PORT']}")
    lines.append("Press Ctrl-C to stop everything.")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", help="comma-separated subset of: duckling,actions,board,rasa")
    args = parser.parse_args()
    chosen = services()
    if args.only:
        wanted = set(args.only.split(","))
        chosen = [service for service in chosen if service.name in wanted]
    stack = Stack(chosen, Path(os.environ.get("DEVSTACK_LOG_DIR", ROOT / "var" / "logs")))
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        businesses = default_registry().load_all()
    except PlaybookError as error:
        print("Not starting: the playbooks have problems.\n" + str(error), flush=True)
        return 1
    print(f"Starting the assistant (logs in {stack.log_dir}) ...", flush=True)
    try:
        stack.start()
        ports = _ports()
        if not args.only:
            print(_ready_text(businesses, ports), flush=True)
        while not stack.failed():
            time.sleep(1)
        print(f"Stopped because {', '.join(stack.failed())} exited; see var/logs/.", flush=True)
        return 1
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        return 0
    except RuntimeError as error:
        print(f"Could not start: {error}", flush=True)
        return 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
