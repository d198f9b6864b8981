"""Everything the bot says, in Swedish and English. `say(lang, key, **params)` picks and fills one."""

from __future__ import annotations

from typing import Any

SV: dict[str, str] = {
    "kind.result": "Resultat",
    "kind.activity": "Aktivitet",
    "saved": ":white_check_mark: Sparat: {kind} *#{id}* för *{name}* (`{key}`) · {date} · av <@{user}>",
    "saved.fallback": "Sparat: {kind} #{id} för {name}",
    "word.link": "koppla",
    "word.coordinator": "koordinator",
    "error.unknown_command": "Okänt kommando `{word}`. Menade du `/mlr {suggestion}`? Skriv `/mlr hjälp` för alla kommandon.",
    "error.unknown_command_no_suggestion": "Okänt kommando `{word}`. Skriv `/mlr hjälp` för alla kommandon.",
    "error.empty_text": "Texten saknas. Skriv till exempel `/mlr {word} Workshop om goda exempel genomförd`, "
    "eller bara `/mlr {word}` för att öppna ett formulär. Inget sparades.",
    "error.too_long": "Texten är {length} tecken; högst {max} får plats. Korta den eller dela upp den i flera poster. "
    "Inget sparades.",
    "error.bad_date": "`{value}` är inget giltigt datum. Skriv datum som ÅÅÅÅ-MM-DD, till exempel `datum:2026-11-20`. "
    "Inget sparades.",
    "error.future_date": "{date} har inte hänt än: logga det som har hänt. Inget sparades.",
    "error.unknown_municipality": "`{name}` är inte en av MalmöLundregionens kommuner: {names}. Inget sparades.",
    "error.unknown_activity": "*{name}* har ingen planerad aktivitet ({number}) för {year}. {activities} Inget sparades.",
    "error.unknown_group": "Det finns ingen grupp `{key}`. Grupperna är: {keys}. Inget sparades.",
    "error.group_closed": "*{name}* (`{key}`) är avslutad och tar inte emot nya poster. Inget sparades.",
    "error.unlinked_channel": "Den här kanalen är inte kopplad till någon grupp, så jag vet inte vart posten ska. "
    "Ange gruppen först: `/mlr {word} grupp:kompetens …` (grupperna är: {keys}), "
    "eller be en koordinator skriva `/mlr koppla <grupp>` i gruppens kanal. Inget sparades.",
    "error.other_groups_channel": "Den här kanalen hör till *{linked}* (`{linked_key}`). Logga för `{key}` i den "
    "gruppens kanal eller från ett direktmeddelande, eller be en koordinator. Inget sparades.",
    "error.coordinators_only": "Bara koordinatorer kan använda `/mlr {word}`. Koordinatorer nu: {coordinators}.",
    "error.link_usage": "Ange vilken grupp kanalen ska kopplas till: `/mlr koppla <grupp>`. Grupperna är: {keys}.",
    "error.link_in_dm": "Koppla gruppens kanal, inte ett direktmeddelande: kör `/mlr koppla {key}` i kanalen.",
    "error.coordinator_usage": "Skriv `/mlr koordinator lägg till @person` eller `/mlr koordinator ta bort @person`.",
    "error.mention_needed": "Nämn personen med @ så att Slack gör en länk av namnet, till exempel "
    "`/mlr koordinator lägg till @Anna`.",
    "error.not_saved_db": "Posten sparades inte: databasen svarar inte just nu. Försök igen om en stund.",
    "error.db_unavailable": "Databasen svarar inte just nu, så inget ändrades. Försök igen om en stund.",
    "error.command_failed": "Något gick fel och kommandot kunde inte slutföras; inget halvfärdigt sparades. "
    "Försök igen, eller kontakta koordinatorn om felet består.",
    "error.no_coordinators": "inga ännu (sätt MLR_COORDINATORS)",
    "linked": "Kanalen är nu kopplad till *{name}* (`{key}`). Det som loggas här hamnar hos gruppen.",
    "relinked": "Kanalen var kopplad till `{previous}` och är nu kopplad till *{name}* (`{key}`).",
    "already_linked": "Kanalen är redan kopplad till *{name}* (`{key}`).",
    "coordinator.added": "<@{user}> är nu koordinator.",
    "coordinator.already": "<@{user}> är redan koordinator.",
    "coordinator.removed": "<@{user}> är inte längre koordinator.",
    "coordinator.not": "<@{user}> är inte koordinator.",
    "coordinator.from_config": "<@{user}> är koordinator enligt MLR_COORDINATORS i botens inställningar; "
    "ta bort personen där.",
    "coordinator.last": "<@{user}> är den sista koordinatorn och kan inte tas bort; lägg först till någon annan.",
    "groups.title": "Grupperna i MalmöLundregionen",
    "groups.line": "*{name}* (`{key}`) · {kind} · {municipalities} · {channels}",
    "groups.no_channel": "ingen kanal kopplad",
    "groups.closed": "avslutad",
    "groups.everyone": "—",
    "group_kind.focus": "fokusfråga",
    "group_kind.standing": "arbetsgrupp",
    "group_kind.ongoing": "pågående arbete",
    "modal.title": "Logga i mlr-bot",
    "modal.submit": "Spara",
    "modal.close": "Avbryt",
    "modal.group": "Grupp",
    "modal.kind": "Typ",
    "modal.date": "Datum då det hände",
    "modal.text": "Vad gjorde ni, eller vad blev resultatet?",
    "modal.text_placeholder": "Till exempel: Workshop om goda exempel inom bostadsbyggande genomförd.",
    "modal.error.empty_text": "Skriv vad ni gjorde eller vad det gav.",
    "modal.error.group_missing": "Välj en grupp.",
    "modal.activity": "Planerad aktivitet (valfritt)",
    "modal.municipalities": "Kommuner som deltog (valfritt)",
    "modal.error.activity_group": "Aktiviteten hör till en annan grupp än den du valt.",
    "help.title": "mlr-bot: loggbok för MalmöLundregionens arbetsgrupper",
    "help.intro": "Logga aktiviteter och resultat där gruppen redan pratar. Allt sparas som allmän handling "
    "och blir underlag till veckosammanfattningar och årsuppföljningen.",
    "help.log": "*Logga*\n"
    "`/mlr resultat <text>`: ett resultat för kanalens grupp, t.ex. `/mlr resultat Workshop om goda exempel "
    "genomförd`\n"
    "`/mlr aktivitet <text>`: en aktivitet, t.ex. `/mlr aktivitet Möte med LTH:s teknologkår`\n"
    "`/mlr resultat` utan text öppnar ett formulär med grupp, typ, datum och text.\n"
    "Från ett direktmeddelande eller en okopplad kanal: ange gruppen först, "
    "`/mlr resultat grupp:kompetens <text>`. Ett annat datum än i dag: `datum:2026-11-20`.",
    "help.groups": "*Grupper och veckor*\n`/mlr grupper`: alla grupper, deras nycklar och kanaler.\n"
    "`/mlr sammanfattning [grupp]`: veckans poster hittills, bara för dig. En gång i veckan kommer "
    "förra veckans sammanfattning till gruppens kanal.",
    "help.coordinators": "*För koordinatorer*\n"
    "`/mlr koppla <grupp>`: koppla den här kanalen till en grupp, t.ex. `/mlr koppla bostad`\n"
    "`/mlr koordinator lägg till @person` och `/mlr koordinator ta bort @person`\n"
    "En koordinator kan logga för vilken grupp som helst med `grupp:<nyckel>`.",
    "help.footer": "Engelska ord går också: result, activity, link, groups, digest, coordinator add/remove, help.",
    "digest.title": "Veckosammanfattning {week}: {name}",
    "digest.so_far_title": "Hittills {week}: {name}",
    "digest.totals": "{results} resultat · {activities} aktiviteter · `{key}`",
    "digest.results": "Resultat ({count})",
    "digest.activities": "Aktiviteter ({count})",
    "digest.nothing": "Inget loggat den här veckan.",
    "digest.part": "del {number} av {total}",
    "error.digest_usage": "Skriv `/mlr sammanfattning` i gruppens kanal, eller `/mlr sammanfattning <grupp>`.",
    "digest.usage": "Ange gruppen: `/mlr sammanfattning <grupp>`, eller skriv kommandot i gruppens kanal. Grupperna är: {keys}.",
    "overview.title": "Regionöversikt {week}",
    "overview.line": "*{name}* (`{key}`): {results} resultat, {activities} aktiviteter",
    "overview.newest": "Senaste resultat {date} (#{id}): {text}",
    "overview.never": ":warning: inget loggat ännu",
    "overview.silent": ":warning: tyst i {weeks} veckor",
    "overview.totals": "{groups} aktiva grupper · {results} resultat · {activities} aktiviteter · {silent} tysta i 3 veckor eller mer",
    "console.banner": "mlr-bot-konsolen. Du är {user} i kanalen {channel}; databasen är {database}.\n"
    "Skriv /mlr-rader som i Slack, t.ex. /mlr hjälp. :user U… och :channel C… byter person och kanal, :q avslutar.",
    "console.not_a_command": "Skriv en rad som börjar med /mlr, t.ex. /mlr hjälp (eller :q för att avsluta).",
    "console.in_channel": "synligt för kanalen",
    "console.ephemeral": "bara för dig",
    "console.message": "meddelande i {channel}",
    "console.form": "formulär öppnat: {title} ({fields}). Formulär fylls i i Slack; i konsolen skriver du "
    "texten direkt, t.ex. /mlr resultat <text>",
}

EN: dict[str, str] = {
    "kind.result": "Result",
    "kind.activity": "Activity",
    "saved": ":white_check_mark: Saved: {kind} *#{id}* for *{name}* (`{key}`) · {date} · by <@{user}>",
    "saved.fallback": "Saved: {kind} #{id} for {name}",
    "word.link": "link",
    "word.coordinator": "coordinator",
    "error.unknown_command": "Unknown command `{word}`. Did you mean `/mlr {suggestion}`? Type `/mlr help` for "
    "every command.",
    "error.unknown_command_no_suggestion": "Unknown command `{word}`. Type `/mlr help` for every command.",
    "error.empty_text": "The text is missing. Write for example `/mlr {word} Workshop on good examples held`, "
    "or just `/mlr {word}` to open a form. Nothing was saved.",
    "error.too_long": "The text is {length} characters; at most {max} fit. Shorten it or split it into several "
    "entries. Nothing was saved.",
    "error.bad_date": "`{value}` is not a valid date. Write dates as YYYY-MM-DD, for example `date:2026-11-20`. "
    "Nothing was saved.",
    "error.future_date": "{date} has not happened yet: log what has happened. Nothing was saved.",
    "error.unknown_municipality": "`{name}` is not one of MalmöLundregionen's municipalities: {names}. Nothing was saved.",
    "error.unknown_activity": "*{name}* has no planned activity ({number}) for {year}. {activities} Nothing was saved.",
    "error.unknown_group": "There is no group `{key}`. The groups are: {keys}. Nothing was saved.",
    "error.group_closed": "*{name}* (`{key}`) is closed and takes no new entries. Nothing was saved.",
    "error.unlinked_channel": "This channel is not linked to a group, so I don't know where the entry belongs. "
    "Name the group first: `/mlr {word} group:kompetens …` (the groups are: {keys}), "
    "or ask a coordinator to type `/mlr link <group>` in the group's channel. Nothing was saved.",
    "error.other_groups_channel": "This channel belongs to *{linked}* (`{linked_key}`). Log for `{key}` in that "
    "group's channel or from a direct message, or ask a coordinator. Nothing was saved.",
    "error.coordinators_only": "Only coordinators can use `/mlr {word}`. Coordinators now: {coordinators}.",
    "error.link_usage": "Name the group to link this channel to: `/mlr link <group>`. The groups are: {keys}.",
    "error.link_in_dm": "Link the group's channel, not a direct message: run `/mlr link {key}` in the channel.",
    "error.coordinator_usage": "Type `/mlr coordinator add @person` or `/mlr coordinator remove @person`.",
    "error.mention_needed": "Mention the person with @ so that Slack turns the name into a link, for example "
    "`/mlr coordinator add @Anna`.",
    "error.not_saved_db": "The entry was not saved: the database is not answering right now. Try again shortly.",
    "error.db_unavailable": "The database is not answering right now, so nothing was changed. Try again shortly.",
    "error.command_failed": "Something went wrong and the command could not finish; nothing half-done was saved. "
    "Try again, or contact the coordinator if it persists.",
    "error.no_coordinators": "none yet (set MLR_COORDINATORS)",
    "linked": "This channel is now linked to *{name}* (`{key}`). What is logged here goes to that group.",
    "relinked": "This channel was linked to `{previous}` and is now linked to *{name}* (`{key}`).",
    "already_linked": "This channel is already linked to *{name}* (`{key}`).",
    "coordinator.added": "<@{user}> is now a coordinator.",
    "coordinator.already": "<@{user}> already is a coordinator.",
    "coordinator.removed": "<@{user}> is no longer a coordinator.",
    "coordinator.not": "<@{user}> is not a coordinator.",
    "coordinator.from_config": "<@{user}> is a coordinator through MLR_COORDINATORS in the bot's settings; "
    "remove them there.",
    "coordinator.last": "<@{user}> is the last coordinator and cannot be removed; add someone else first.",
    "groups.title": "The groups of MalmöLundregionen",
    "groups.line": "*{name}* (`{key}`) · {kind} · {municipalities} · {channels}",
    "groups.no_channel": "no channel linked",
    "groups.closed": "closed",
    "groups.everyone": "—",
    "group_kind.focus": "focus area",
    "group_kind.standing": "working group",
    "group_kind.ongoing": "ongoing work",
    "modal.title": "Log in mlr-bot",
    "modal.submit": "Save",
    "modal.close": "Cancel",
    "modal.group": "Group",
    "modal.kind": "Kind",
    "modal.date": "Date it happened",
    "modal.text": "What did you do, or what came of it?",
    "modal.text_placeholder": "For example: Workshop on good examples in housing construction held.",
    "modal.error.empty_text": "Write what you did or what came of it.",
    "modal.error.group_missing": "Choose a group.",
    "modal.activity": "Planned activity (optional)",
    "modal.municipalities": "Municipalities that took part (optional)",
    "modal.error.activity_group": "The activity belongs to another group than the one you chose.",
    "help.title": "mlr-bot: the log book of MalmöLundregionen's working groups",
    "help.intro": "Log activities and results where the group already talks. Everything is kept as a public record "
    "and feeds the weekly digests and the annual follow-up.",
    "help.log": "*Logging*\n"
    "`/mlr result <text>`: a result for this channel's group, e.g. `/mlr result Workshop on good examples held`\n"
    "`/mlr activity <text>`: an activity, e.g. `/mlr activity Meeting with the LTH student union`\n"
    "`/mlr result` without text opens a form with group, kind, date and text.\n"
    "From a direct message or an unlinked channel: name the group first, "
    "`/mlr result group:kompetens <text>`. Another date than today: `date:2026-11-20`.",
    "help.groups": "*Groups and weeks*\n`/mlr groups`: every group, its key and its channels.\n"
    "`/mlr digest [group]`: this week's entries so far, only to you. Once a week, last week's "
    "digest comes to the group's channel.",
    "help.coordinators": "*For coordinators*\n"
    "`/mlr link <group>`: link this channel to a group, e.g. `/mlr link bostad`\n"
    "`/mlr coordinator add @person` and `/mlr coordinator remove @person`\n"
    "A coordinator can log for any group with `group:<key>`.",
    "help.footer": "Swedish words work too: resultat, aktivitet, koppla, grupper, sammanfattning, koordinator lägg till/ta bort, hjälp.",
    "digest.title": "Weekly digest {week}: {name}",
    "digest.so_far_title": "So far {week}: {name}",
    "digest.totals": "{results} results · {activities} activities · `{key}`",
    "digest.results": "Results ({count})",
    "digest.activities": "Activities ({count})",
    "digest.nothing": "Nothing logged this week.",
    "digest.part": "part {number} of {total}",
    "error.digest_usage": "Type `/mlr digest` in the group's channel, or `/mlr digest <group>`.",
    "digest.usage": "Name the group: `/mlr digest <group>`, or use the command in the group's channel. The groups are: {keys}.",
    "overview.title": "Regional overview {week}",
    "overview.line": "*{name}* (`{key}`): {results} results, {activities} activities",
    "overview.newest": "Newest result {date} (#{id}): {text}",
    "overview.never": ":warning: nothing logged yet",
    "overview.silent": ":warning: silent for {weeks} weeks",
    "overview.totals": "{groups} active groups · {results} results · {activities} activities · {silent} silent for 3 weeks or more",
    "console.banner": "The mlr-bot console. You are {user} in channel {channel}; the database is {database}.\n"
    "Type /mlr lines as in Slack, e.g. /mlr help. :user U… and :channel C… change person and channel, :q quits.",
    "console.not_a_command": "Type a line starting with /mlr, e.g. /mlr help (or :q to quit).",
    "console.in_channel": "visible to the channel",
    "console.ephemeral": "only you",
    "console.message": "message in {channel}",
    "console.form": "form opened: {title} ({fields}). Forms are filled in in Slack; in the console, type the "
    "text directly, e.g. /mlr result <text>",
}

CATALOGUES = {"sv": SV, "en": EN}


def say(lang: str, message_id: str, /, **params: Any) -> str:
    return CATALOGUES[lang][message_id].format(**params)
