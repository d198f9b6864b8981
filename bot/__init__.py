"""The mlr-bot process: configuration, the Bolt app, the HTTP server, the console and the CLI."""
