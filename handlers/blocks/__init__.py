"""Block Kit builders: pure `*_blocks` functions, one module per surface, built with slack_sdk's
models. Nothing here reads the database or calls Slack."""
