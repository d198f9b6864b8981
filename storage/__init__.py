"""Tables, migrations and queries of mlr-bot. Nothing here knows about Slack."""
