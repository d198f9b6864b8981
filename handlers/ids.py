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
PLAN_ACTIVITIES_BLOCK = "plan_activities"
PLAN_AFTER_BLOCK = "plan_after_activities"
PLAN_ACTION = "plan_text"
PLAN_CARRY = "mlr_plan_carry"  # the button, once a follow-up closes, that starts next year's revision


def statement_block(part: str) -> str:
    """The input block of one part of a statement: a planned activity's number, or "other"."""
    return f"part_{part}"


def status_block(number: int | str) -> str:
    """The status select of a planned activity, next to its part."""
    return f"status_{number}"


PAGE_ACTION = "mlr_page"  # previous / next page of a list or search
DELETE_CONFIRM = "mlr_delete_confirm"
DELETE_CANCEL = "mlr_delete_cancel"
EDIT_VIEW = "mlr_edit_entry"
SHORTCUT_LOG_RESULT = "mlr_log_result"
SHORTCUT_LOG_ACTIVITY = "mlr_log_activity"
HOME_LOG_RESULT = "mlr_home_log_result"
HOME_LOG_ACTIVITY = "mlr_home_log_activity"
