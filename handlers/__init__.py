"""Slack listeners. Each module has one `register(app)`; `register_all` wires them in order.

The modules are imported when the app is built, not when the package is: bot/ and handlers/
share pure helpers, and importing a helper must not pull every listener in."""

from slack_bolt import App

LISTENER_MODULES = ("commands", "log_form", "followup", "plan", "status", "entries", "home")


def register_all(app: App) -> None:
    import importlib

    for name in LISTENER_MODULES:
        importlib.import_module(f"handlers.{name}").register(app)
