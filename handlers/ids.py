"""Callback, block and action ids: each string once, here."""

LOG_VIEW = "mlr_log_entry"
GROUP_BLOCK = "group"
GROUP_ACTION = "group_select"
KIND_BLOCK = "kind"
KIND_ACTION = "kind_radio"
DATE_BLOCK = "date"
DATE_ACTION = "date_pick"
ACTIVITY_BLOCK = "activity"
ACTIVITY_ACTION = "activity_select"
MUNICIPALITIES_BLOCK = "municipalities"
MUNICIPALITIES_ACTION = "municipalities_select"
TEXT_BLOCK = "text"
TEXT_ACTION = "text_input"

# Scheduler jobs: registered under these ids at every start (replacing what was there).
JOB_WEEKLY_DIGESTS = "weekly_digests"
JOB_SCHEDULED_POSTS = "scheduled_posts"
