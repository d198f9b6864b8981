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
JOB_ANNUAL_FOLLOWUP = "annual_followup"
JOB_SCHEDULED_POSTS = "scheduled_posts"
JOB_BACKUPS = "backups"

FOLLOWUP_OPEN = "mlr_followup_open"  # the button on a follow-up prompt or reminder
FOLLOWUP_VIEW = "mlr_followup_statement"
STATEMENT_ACTION = "statement_text"
ASSESSMENT_BLOCK = "assessment"
ASSESSMENT_ACTION = "assessment_select"
REASON_BLOCK = "assessment_reason"
REASON_ACTION = "reason_text"
STATUS_ACTION = "activity_status"
STATEMENT_APPROVE = "mlr_statement_approve"  # the button under a submitted draft: value "group:year:version"
PLAN_VIEW = "mlr_plan_edit"
PLAN_GOAL_BLOCK = "plan_goal"
PLAN_DESCRIPTION_BLOCK = "plan_description"
PLAN_AFTER_BLOCK = "plan_after_activities"
PLAN_ACTION = "plan_text"
PLAN_CARRY = "mlr_plan_carry"  # the button, once a follow-up closes, that starts next year's revision


def plan_activity_block(number: int) -> str:
    """The input block of the plan form's planned activity (number), 1 to storage.plans.MAX_ACTIVITIES."""
    return f"plan_activity_{number}"


def statement_block(part: str) -> str:
    """The input block of one part of a statement: a planned activity's number, or "other"."""
    return f"part_{part}"


def status_block(number: int | str) -> str:
    """The status select of a planned activity, next to its part."""
    return f"status_{number}"


# The previous and next page of a list or search: two ids, for Slack wants action ids unique within
# a block ("Should be unique among all other action_ids in the containing block", the button element's
# page https://docs.slack.dev/reference/block-kit/block-elements/button-element).
PAGE_PREVIOUS = "mlr_page_previous"
PAGE_NEXT = "mlr_page_next"
DELETE_CONFIRM = "mlr_delete_confirm"
DELETE_CANCEL = "mlr_delete_cancel"
EDIT_VIEW = "mlr_edit_entry"
SHORTCUT_LOG_RESULT = "mlr_log_result"
SHORTCUT_LOG_ACTIVITY = "mlr_log_activity"
HOME_LOG_RESULT = "mlr_home_log_result"
HOME_LOG_ACTIVITY = "mlr_home_log_activity"
