"""Slack listeners. Each module has one `register(app)`; `register_all` wires them in order."""

from slack_bolt import App

from handlers import commands, log_form

MODULES = (commands, log_form)


def register_all(app: App) -> None:
    for module in MODULES:
        module.register(app)
