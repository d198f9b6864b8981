"""Slack listeners and their Block Kit. Each listener module has one `register(app)`; `register_all`
wires them in this order."""

from slack_bolt import App

from handlers import commands, entries, followup, home, log_form, plan, status

LISTENERS = (commands, log_form, followup, plan, status, entries, home)


def register_all(app: App) -> None:
    for module in LISTENERS:
        module.register(app)
