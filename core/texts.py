"""Everything the bot says, in Swedish and English. `say(lang, key, **params)` picks and fills one."""

from __future__ import annotations

import re
import string
from typing import Any

SV: dict[str, str] = {
    "kind.result": "Resultat",
    "kind.activity": "Aktivitet",
    "saved": ":white_check_mark: Sparat: {kind} *#{id}* för *{name}* (`{key}`) · av <@{user}>",
    "saved.fallback": "Sparat: {kind} #{id} för {name}",
    "saved.details": "Hände: {date} · Planerad aktivitet: {activity} · Kommuner: {municipalities}",
    "saved.no_activity": "ingen angiven",
    "saved.no_municipalities": "inga angivna",
    "saved.correct": "Blev något fel? Rätta med `/mlr ändra {id}` eller ta bort med `/mlr radera {id}`.",
    "error.option_in_text": "`{typed}` står mitt i texten, så jag vet inte om det är ett val eller en del av texten. "
    "Skriv valen först eller sist, till exempel `/mlr {fixed}`. Ska orden stå i texten, sätt texten inom "
    'citattecken: `/mlr {word} "…"`. Inget sparades.',
    "error.not_member": "Bara de som är med i gruppens kanal ({channels}) och koordinatorerna ({coordinators}) "
    "kan lägga till och läsa poster för *{name}* (`{key}`). Be någon av dem att logga, eller be en koordinator "
    "att bjuda in dig till kanalen.",
    "error.not_member_not_saved": "Bara de som är med i gruppens kanal ({channels}) och koordinatorerna "
    "({coordinators}) kan lägga till och läsa poster för *{name}* (`{key}`). Be någon av dem att logga, eller be "
    "en koordinator att bjuda in dig till kanalen. Inget sparades.",
    "error.not_member_no_channel": "*{name}* (`{key}`) har ingen kopplad kanal än, så bara koordinatorerna "
    "({coordinators}) kan lägga till och läsa gruppens poster. En koordinator kopplar kanalen med "
    "`/mlr koppla {key}`.",
    "error.not_member_no_channel_not_saved": "*{name}* (`{key}`) har ingen kopplad kanal än, så bara "
    "koordinatorerna ({coordinators}) kan lägga till och läsa gruppens poster. En koordinator kopplar kanalen med "
    "`/mlr koppla {key}`. Inget sparades.",
    "error.help_topic": "Det finns inget kommando `{word}`. Skriv `/mlr hjälp` för alla kommandon, eller t.ex. "
    "`/mlr hjälp resultat` för ett av dem.",
    "error.one_activity": "`{typed}`: en post hör till en planerad aktivitet. Logga en post per aktivitet, "
    "t.ex. `/mlr resultat (1) …` och `/mlr resultat (2) …`. Inget sparades.",
    "error.option_misspelt": "`{typed}` är inget val. Menade du `{suggestion}`? Skriv då `/mlr {fixed}`. Ska "
    "`{typed}` stå i texten, sätt texten inom citattecken: `/mlr {quoted}`. Inget sparades.",
    "error.option_twice": "`{first}` och `{second}` säger samma sak två gånger; skriv det en gång. Inget sparades.",
    "error.option_empty": "`{typed}` saknar ett värde. Skriv till exempel `{example}`. Inget sparades.",
    "error.unknown_municipality_suggest": "`{name}` är inte en av MalmöLundregionens kommuner. Menade du "
    "`{suggestion}`? Kommunerna är: {names}. Inget sparades.",
    "error.unknown_group_not_saved": "Det finns ingen grupp `{key}`. Grupperna är: {keys}. Inget sparades.",
    "error.unknown_group_suggest": "Det finns ingen grupp `{key}`. Menade du {candidates}? Grupperna är: {keys}.",
    "error.unknown_group_suggest_not_saved": "Det finns ingen grupp `{key}`. Menade du {candidates}? "
    "Grupperna är: {keys}. Inget sparades.",
    "word.link": "koppla",
    "word.coordinator": "koordinator",
    "word.followup": "uppföljning",
    "word.report": "rapport",
    "word.plan": "plan",
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
    "error.unknown_activity": "*{name}* har ingen planerad aktivitet ({number}) för {year}. Planen har: {activities}. "
    "Inget sparades.",
    "error.unknown_activity_none": "*{name}* har ingen planerad aktivitet ({number}) för {year}: planen för {year} "
    "har inga numrerade aktiviteter. Inget sparades.",
    "error.no_plan_for_year": "*{name}* har ingen plan för {year}, så `({number})` pekar inte på någon planerad "
    "aktivitet. En koordinator lägger in planen med `/mlr plan {key} {year}`, eller kopierar varje grupps senaste "
    "plan till {year} med `mlr-bot plan carry --to {year}`. Logga utan `({number})` så länge. Inget sparades.",
    "error.unknown_group": "Det finns ingen grupp `{key}`. Grupperna är: {keys}.",
    "error.group_closed": "*{name}* (`{key}`) är avslutad och tar inte emot nya poster. Inget sparades.",
    "error.group_closed_on": "*{name}* (`{key}`) avslutades {closed_on} och tar bara emot poster daterade senast den dagen, inte {date}. Inget sparades.",
    "error.unlinked_channel": "Den här kanalen är inte kopplad till någon grupp, så jag vet inte vart posten ska. "
    "Ange gruppen först: `/mlr {word} grupp:kompetens …` (grupperna är: {keys}), "
    "eller be en koordinator skriva `/mlr koppla <grupp>` i gruppens kanal. Inget sparades.",
    "error.other_groups_channel": "Den här kanalen hör till *{linked}* (`{linked_key}`). Logga för `{key}` i den "
    "gruppens kanal eller från ett direktmeddelande, eller be en koordinator. Inget sparades.",
    "error.coordinators_only": "Bara koordinatorer kan använda `/mlr {word}`. Koordinatorer nu: {coordinators}.",
    "error.link_usage": "Ange vilken grupp kanalen ska kopplas till: `/mlr koppla <grupp>`. Grupperna är: {keys}.",
    "error.link_in_dm": "Koppla gruppens kanal, inte ett direktmeddelande: kör `/mlr koppla {key}` i kanalen.",
    "error.coordinator_usage": "Skriv `/mlr koordinator lägg till @person` eller `/mlr koordinator ta bort @person`.",
    "error.mention_needed": "Nämn personen med @ så att Slack gör en länk av namnet, till exempel `{example}`.",
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
    "modal.edit_title": "Ändra post #{id}",
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
    "`/mlr resultat` utan text öppnar ett formulär med grupp, typ, datum, aktivitet, kommuner och text.\n"
    "Från ett direktmeddelande eller en okopplad kanal: ange gruppen först, "
    "`/mlr resultat grupp:kompetens <text>`. Ett annat datum än i dag: `datum:2026-11-20`.",
    "help.groups": "*Grupper och veckor*\n`/mlr grupper`: alla grupper, deras nycklar och kanaler.\n"
    "`/mlr sammanfattning [grupp]`: det som loggats i veckan hittills, bara för dig. En gång i veckan kommer "
    "förra veckans sammanfattning till gruppens kanal.\n"
    "Veckan är den då posten loggades; året (status per år, listor per år, årsrapporten) är året då det hände. "
    "En post om en annan dag står i veckans sammanfattning med dagen det hände.",
    "help.corrections": "*Läget och rättelser*\n"
    "`/mlr status [grupp] [år]`: varje grupps läge, bara för dig.\n"
    "`/mlr lista [grupp] [--vecka 2026-W47 | --år 2026]` och `/mlr sök <ord>`: poster med nummer, sida för sida.\n"
    "`/mlr ändra <nr>` och `/mlr radera <nr>`: för den som skrev posten eller en koordinator. "
    "`/mlr historik <nr>` visar varje version: inget försvinner ur den allmänna handlingen.",
    "help.followup": "*Årsuppföljningen*\n"
    "En gång om året får varje grupps kanal en uppmaning med knappen *Lämna resultaten för <år>*. Den öppnar ett "
    "formulär, ifyllt med det gruppen loggat under året per planerad aktivitet: skriv om det till gruppens "
    "redovisning, bedöm den långsiktiga målbilden och ge varje aktivitet en status. Det som skickas in är ett utkast "
    "tills en gruppledare eller koordinator godkänner det med knappen under det; det godkända står i årsrapporten. "
    "Grupper som inte svarat påminns på måndagar fram till sista dagen.",
    "help.coordinators": "*För koordinatorer*\n"
    "`/mlr koppla <grupp>`: koppla den här kanalen till en grupp, t.ex. `/mlr koppla bostad`\n"
    "`/mlr koordinator lägg till @person` och `/mlr koordinator ta bort @person`\n"
    "`/mlr uppföljning start|status|stäng [år]`: årsuppföljningen. `/mlr rapport [år] [pdf|word|excel]`: årsrapporten (Word om inget annat anges).\n"
    "`/mlr gruppledare lägg till|ta bort @person <grupp>`: vem som godkänner gruppens redovisning. "
    "`/mlr uppföljning historik <grupp> [år]`: redovisningens alla versioner.\n"
    "`/mlr plan <grupp> [år]`: gruppens plan. En koordinator kan logga för vilken grupp som helst med `grupp:<nyckel>`.",
    "help.options": "*Val när du loggar*: först eller sist i texten, i vilken ordning som helst\n"
    "`grupp:<grupp>`: gruppen, när du loggar från ett direktmeddelande eller en okopplad kanal, t.ex. "
    "`grupp:bostad`, `grupp:sysselsättning` eller `grupp:ÖP`\n"
    "`datum:ÅÅÅÅ-MM-DD`: dagen det hände, om det inte var i dag, t.ex. `datum:2016-10-18`\n"
    "`(n)`: den planerade aktiviteten i gruppens plan, t.ex. `(2)`\n"
    "`kommuner:<kommuner>`: kommunerna som deltog, t.ex. `kommuner:Lund, Malmö` eller `kommuner:Lund och Malmö`\n"
    "Till exempel: `/mlr resultat grupp:kompetens (1) kommuner:Eslöv, Höör Industrinatten genomförd "
    "datum:2017-03-10`\n"
    'Ska texten själv innehålla ett av orden, t.ex. "datum:", sätt texten inom citattecken: '
    '`/mlr resultat "Beslut om nytt datum: mars"`. `/mlr hjälp resultat` visar mer.',
    "help.topic_title": "mlr-bot: {command}",
    "help.topic_footer": "Alla kommandon: `/mlr hjälp`.",
    "help.word.result": "/mlr resultat",
    "help.word.activity": "/mlr aktivitet",
    "help.word.link": "/mlr koppla",
    "help.word.groups": "/mlr grupper",
    "help.word.coordinator": "/mlr koordinator",
    "help.word.digest": "/mlr sammanfattning",
    "help.word.followup": "/mlr uppföljning",
    "help.word.report": "/mlr rapport",
    "help.word.plan": "/mlr plan",
    "help.word.lead": "/mlr gruppledare",
    "help.word.status": "/mlr status",
    "help.word.list": "/mlr lista",
    "help.word.search": "/mlr sök",
    "help.word.edit": "/mlr ändra",
    "help.word.delete": "/mlr radera",
    "help.word.history": "/mlr historik",
    "help.topic.result": "*`/mlr resultat <text>`* loggar ett resultat: något gruppen har uppnått. Det blir en "
    "allmän handling och kommer med i veckosammanfattningen och årsuppföljningen.\n\n"
    "*Var*: i gruppens kanal hamnar posten hos kanalens grupp. Från ett direktmeddelande eller en okopplad kanal "
    "anger du gruppen med `grupp:`. Medlemmar i gruppens kanal och koordinatorer kan logga för gruppen.\n\n"
    "*Val*, först eller sist i texten, i vilken ordning som helst:\n"
    "• `grupp:bostad`: gruppen. Nyckeln, det svenska namnet eller början av det går bra: `grupp:sysselsättning`, "
    "`grupp:näringsliv`, `grupp:ÖP`.\n"
    "• `datum:2016-10-18`: dagen det hände (ÅÅÅÅ-MM-DD), annars i dag. Dagen avgör året posten hör till (status per år, listor per år, årsrapporten); i veckans sammanfattning står den den vecka den loggades, med dagen det hände.\n"
    "• `(2)`: den planerade aktiviteten (2) i gruppens plan för det året.\n"
    "• `kommuner:Lund, Malmö`: kommunerna som deltog; också `kommuner:Lund,Malmö`, `kommuner:Lund och Malmö` eller "
    '`kommuner:"Lund, Malmö"`, med eller utan å, ä och ö.\n\n'
    "*Exempel*\n"
    "`/mlr resultat Workshop om goda exempel genomförd`\n"
    "`/mlr resultat grupp:bostad Workshop genomförd datum:2016-10-18`\n"
    "`/mlr resultat (1) kommuner:Eslöv och Höör Industrinatten genomförd`\n\n"
    "*Citattecken*: ett val mitt i texten tas inte emot, för det är oklart vad som menas. Ska texten själv "
    'innehålla "datum:" eller "grupp:", sätt hela texten inom citattecken: '
    '`/mlr resultat "Beslut om nytt datum: mars"`.\n\n'
    "*Formulär*: `/mlr resultat` utan text öppnar ett formulär med grupp, typ, datum, aktivitet och kommuner.\n"
    "*Svaret* visar allt som sparades: grupp, dag, aktivitet, kommuner och postens nummer. Blev något fel, "
    "rätta med `/mlr ändra <nr>`.",
    "help.topic.activity": "*`/mlr aktivitet <text>`* loggar en aktivitet: ett möte, ett event, ett studiebesök. "
    "Den tar samma val som `/mlr resultat`: `grupp:bostad`, `datum:2016-11-03`, `(2)` och "
    "`kommuner:Lund, Malmö`, först eller sist i texten.\n\n"
    "*Exempel*\n"
    "`/mlr aktivitet Möte med LTH:s teknologkår`\n"
    "`/mlr aktivitet datum:2016-11-03 kommuner:Lund, Malmö Möte med Business Arena`\n\n"
    "`/mlr hjälp resultat` förklarar varje val och hur citattecken fungerar.",
    "help.topic.link": "*`/mlr koppla <grupp>`* (koordinatorer) kopplar kanalen du skriver i till en grupp: "
    "det som loggas där hamnar hos gruppen, och gruppens medlemmar är de som är med i kanalen. "
    "Till exempel `/mlr koppla bostad` eller `/mlr koppla näringsliv`.",
    "help.topic.groups": "*`/mlr grupper`* visar alla grupper med nyckel, typ, ansvariga kommuner och kopplade "
    "kanaler. Nyckeln är det du skriver efter `grupp:`; det svenska namnet går också.",
    "help.topic.coordinator": "*`/mlr koordinator lägg till @person`* och *`/mlr koordinator ta bort @person`* "
    "(koordinatorer) ändrar vilka som är koordinatorer. Nämn personen med @ så att Slack gör en länk av namnet.",
    "help.topic.digest": "*`/mlr sammanfattning [grupp]`* visar det som loggats i veckan hittills, bara för dig: i "
    "gruppens kanal för den gruppen, annars för gruppen du anger, t.ex. `/mlr sammanfattning sysselsättning`. En post "
    "som loggades i veckan om en annan dag står med dagen det hände.",
    "help.topic.followup": "*`/mlr uppföljning start|status|stäng [år]`* (koordinatorer) styr årsuppföljningen: "
    "start skickar uppmaningen till gruppernas kanaler, status visar vilka som har svarat, stäng avslutar den. "
    "Till exempel `/mlr uppföljning status 2017`.",
    "help.topic.report": "*`/mlr rapport [år] [pdf|word|excel]`* (koordinatorer) gör årsrapporten i "
    "verksamhetsplanens uppställning och skickar den i ett direktmeddelande: som Word-dokument om inget annat anges, "
    "som tillgänglig PDF (taggad, PDF/A) för webbplatsen med `pdf`, eller som Excel-arbetsbok med `excel`. "
    "Till exempel `/mlr rapport 2016` eller `/mlr rapport 2016 pdf`.",
    "help.topic.lead": "*`/mlr gruppledare lägg till @person <grupp>`* och *`ta bort`* (koordinatorer) ger och tar "
    "bort rätten att godkänna gruppens årsredovisning; `/mlr gruppledare` visar vilka som är gruppledare. En "
    "medlems redovisning är ett utkast tills en gruppledare eller koordinator godkänner den med knappen. "
    "`/mlr uppföljning historik <grupp> [år]` visar alla versioner med godkännanden. "
    "Till exempel `/mlr gruppledare lägg till @anna kompetens`.",
    "help.topic.plan": "*`/mlr plan <grupp> [år]`* (koordinatorer) öppnar gruppens plan för året: målbild, "
    "beskrivning och de numrerade aktiviteterna som `(1)`, `(2)` syftar på. Till exempel `/mlr plan kompetens 2017`.",
    "help.topic.status": "*`/mlr status [grupp] [år]`* visar, bara för dig, hur grupperna ligger till: poster loggade "
    "i veckan och poster daterade i året (året då det hände), senaste resultat och planerade aktiviteter utan resultat. Du ser grupperna vars kanaler du "
    "är med i; koordinatorer ser alla. Till exempel `/mlr status bostad 2017`.",
    "help.topic.list": "*`/mlr lista [grupp] [--vecka 2026-W47 | --år 2026]`* visar poster med nummer, sida för "
    "sida, bara för dig. Du ser gruppernas poster vars kanaler du är med i; koordinatorer ser alla. "
    "Till exempel `/mlr lista öp --år 2017`.",
    "help.topic.search": "*`/mlr sök <ord>`* söker i posternas text, oavsett stora och små bokstäver, bland "
    "grupperna vars kanaler du är med i. Till exempel `/mlr sök industrinatten`.",
    "help.topic.edit": "*`/mlr ändra <nr>`* öppnar posten i formuläret så att du kan rätta grupp, typ, datum, "
    "aktivitet, kommuner och text. Den som skrev posten eller en koordinator kan ändra; varje version finns kvar "
    "i `/mlr historik <nr>`.",
    "help.topic.delete": "*`/mlr radera <nr>`* tar bort en post efter en fråga. Den försvinner ur "
    "sammanfattningar, listor och rapporter men finns kvar i `/mlr historik <nr>`.",
    "help.topic.history": "*`/mlr historik <nr>`* visar varje version av en post: vem, när och vad. "
    "Inget försvinner ur den allmänna handlingen.",
    "help.footer": "Engelska ord går också: result, activity, link, groups, digest, status, list, search, edit, delete, history, followup, report, coordinator add/remove, help. Logga också från ett meddelande: ⋯ → Logga som resultat (eller Logga som aktivitet). `/mlr hjälp <kommando>` visar ett kommando i detalj, t.ex. `/mlr hjälp resultat`.",
    "digest.title": "Veckosammanfattning {week}: {name}",
    "digest.so_far_title": "Hittills {week}: {name}",
    "digest.totals": "{results} resultat · {activities} {activities:aktivitet|aktiviteter} · `{key}`",
    "digest.results": "Resultat ({count})",
    "digest.activities": "Aktiviteter ({count})",
    "digest.nothing": "Inget loggat den här veckan.",
    "digest.happened": "hände {date}",
    "digest.part": "del {number} av {total}",
    "error.digest_usage": "Skriv `/mlr sammanfattning` i gruppens kanal, eller `/mlr sammanfattning <grupp>`.",
    "digest.usage": "Ange gruppen: `/mlr sammanfattning <grupp>`, eller skriv kommandot i gruppens kanal. Grupperna är: {keys}.",
    "overview.title": "Regionöversikt {week}",
    "overview.line": "*{name}* (`{key}`): {results} resultat, {activities} {activities:aktivitet|aktiviteter}",
    "overview.newest": "Senaste resultat {date} (#{id}): {text}",
    "overview.never": ":warning: inget loggat ännu",
    "overview.silent": ":warning: tyst i {weeks} {weeks:vecka|veckor}",
    "overview.totals": "{groups} {groups:aktiv grupp|aktiva grupper} · {results} resultat · {activities} {activities:aktivitet|aktiviteter} · {silent} {silent:tyst|tysta} i 3 veckor eller mer",
    "followup.button": "Lämna resultaten för {year}",
    "followup.prompt": ":clipboard: Dags för årsuppföljningen {year}: vad har *{name}* uppnått under {year}? Formuläret är ifyllt med det gruppen loggat; redigera det till gruppens redovisning och skicka in senast {deadline}.",
    "followup.reminder": ":bell: Påminnelse: *{name}* har inte lämnat sina resultat för {year} än. Sista dag är {deadline}.",
    "followup.all_answered": "Årsuppföljningen {year}: alla {answered} aktiva grupper har lämnat sina resultat.",
    "followup.late_title": "Årsuppföljningen {year}: sista dagen har passerat och {count} {count:grupp|grupper} har inte lämnat sina resultat ({answered} har svarat):",
    "followup.draft_activity": "Aktivitet: ",
    "followup.form_title": "Resultat {year}",
    "followup.form_submit": "Skicka in",
    "followup.form_intro": "Gruppens redovisning av resultaten {year} för *{name}*. Fälten är ifyllda med det gruppen loggat under året; skriv om dem till det ni vill redovisa.",
    "followup.form_resubmit": "Gruppen har redan lämnat version {version}; det du skickar nu ersätter den (tidigare versioner sparas).",
    "followup.form_shortened": "Allt loggat fick inte plats i fälten; hela loggen finns i `mlr-bot export`.",
    "followup.other": "Övrigt, utanför de planerade aktiviteterna",
    "followup.only": "Resultat {year}",
    "followup.error_empty": "Skriv gruppens resultat i minst ett fält.",
    "followup.error_not_member": "Bara medlemmar i gruppens kanal eller en koordinator kan lämna gruppens resultat. Inget sparades.",
    "followup.error_closed": "Årsuppföljningen {year} är stängd. Kontakta koordinatorn. Inget sparades.",
    "followup.error_no_campaign": "Det pågår ingen årsuppföljning för {year}.",
    "followup.submitted": ":white_check_mark: *{name}* har lämnat sina resultat för {year} (version {version}), inlämnat av <@{user}>.",
    "followup.started": "Årsuppföljningen {year} är startad med sista dag {deadline}. Uppmaningar skickas till {channels} {channels:kanal|kanaler}.",
    "followup.started_no_channel": "Grupper utan kopplad kanal får ingen uppmaning: {keys}.",
    "followup.started_again": "Årsuppföljningen {year} pågår, med sista dag {deadline}. Uppmaningarna gick ut {date} kl. {time} till {posted} {posted:kanal|kanaler} och skickas inte igen; knappen i dem fungerar fortfarande. Grupper som inte har svarat påminns av sig själva på måndagar kl. 09.00 fram till sista dagen, och `/mlr uppföljning status {year}` visar vilka de är.",
    "followup.started_new_channels": "{channels} {channels:kanal|kanaler} som kopplats sedan dess får sin uppmaning nu.",
    "followup.closed": "Årsuppföljningen {year} är stängd. Inga fler påminnelser skickas.",
    "followup.revise_offer": "Nu kan planen för {year} revideras: knappen kopierar varje aktiv grupps senaste plan till {year}, och sedan ändrar du den med `/mlr plan <grupp> {year}`. En plan som {year} redan har behålls.",
    "followup.revise_button": "Kopiera planerna till {year}",
    "followup.not_open": "Det finns ingen öppen årsuppföljning för {year}.",
    "followup.no_plan": "Det finns varken en plan eller några poster för {year}, så årsuppföljningen kan inte starta. Lägg in planen med `/mlr plan <grupp> {year}` eller `mlr-bot groups load FIL`, eller logga årets resultat med `datum:`.",
    "followup.no_plan_notice": "Årsuppföljningen {year} skulle ha startat i dag, men det finns varken en plan eller några poster för {year}. Lägg in planen och starta den med `/mlr uppföljning start {year}`.",
    "followup.future": "{year} har inte börjat än, så det finns ingen årsuppföljning för det året.",
    "followup.status_title": "Årsuppföljningen {year}",
    "followup.status_summary": "{state} · sista dag {deadline} · {answered} av {total} {total:grupp|grupper} har svarat",
    "followup.status_missing": ":hourglass: *{name}* (`{key}`): inte inlämnat",
    "followup.status_answered": ":white_check_mark: *{name}* (`{key}`): version {version}, <@{user}>, {date}",
    "followup.state_open": "pågår",
    "followup.state_closed": "stängd",
    "error.followup_usage": "Skriv `/mlr uppföljning start [år]`, `/mlr uppföljning status [år]` eller `/mlr uppföljning stäng [år]`.",
    "error.report_usage": "Skriv `/mlr rapport [år] [pdf|word|excel]`, till exempel `/mlr rapport 2026` (Word) eller `/mlr rapport 2026 pdf`.",
    "error.plan_usage": "Skriv `/mlr plan <grupp> [år]`, till exempel `/mlr plan kompetens 2027`.",
    "error.year": "Ange året med fyra siffror.",
    "plan.title": "Plan {year}",
    "plan.goal": "Långsiktig målbild för {name}",
    "plan.description": "Beskrivning och genomförande",
    "plan.activities": "Planerade aktiviteter, högst {max}, en per fält: de numreras (1), (2), (3) i den "
    "ordningen, tomma fält hoppas över.",
    "plan.activity": "Aktivitet ({number})",
    "plan.too_long": "Planen för `{key}` {year} kan inte ändras i formuläret: {field} är {length} tecken och ett "
    "fält rymmer {max}, så resten skulle gå förlorad. Ändra planen i gruppfilen och läs in den med "
    "`mlr-bot groups load`.",
    "plan.after_activities": "Text efter aktiviteterna",
    "plan.error_goal": "Skriv den långsiktiga målbilden.",
    "plan.error_old_form": "Formuläret är av en äldre sort och skulle tappa aktiviteterna: stäng det och öppna "
    "det igen med `/mlr plan`. Inget sparades.",
    "plan.error_coordinator": "Bara koordinatorer kan ändra planen. Inget sparades.",
    "plan.saved": "Planen för `{key}` {year} är sparad, med {count} {count:numrerad aktivitet|numrerade aktiviteter}.",
    "plan.carried": "{count} planer kopierade till {year}: {keys}. Ändra dem med `/mlr plan <grupp> {year}`.",
    "plan.carried_none": "Inga planer kopierades till {year}.",
    "plan.carried_kept": "{count} grupper hade redan en plan för {year}, som behölls: {keys}.",
    "report.title": "Uppföljning {year}",
    "report.title_revised": "Verksamhetsplan reviderad inför {plan_year} · Resultat {year}",
    "report.subtitle": "Verksamhetsplan {first}–{last}",
    "report.focus": "Fokusfrågor {organisation} {first}–{last}",
    "report.closed": "Avslutad fokusfråga",
    "report.closed_many": "Avslutade fokusfrågor",
    "report.ongoing": "Pågående arbete i {organisation}",
    "report.participation": "Kommunernas deltagande {year}",
    "report.col_focus": "Fokusfråga",
    "report.col_work": "Arbete",
    "report.col_goal": "Långsiktig målbild",
    "report.col_planned": "Beskrivning och genomförande {plan_year}",
    "report.no_plan": "Ingen plan gjordes för {plan_year}.",
    "report.col_results": "Resultat {year}",
    "report.col_municipality": "Kommun",
    "report.col_responsible": "Ansvarar för",
    "report.col_took_part": "Deltog i {year} (antal poster)",
    "report.closed_on": "Avslutad {date}",
    "report.no_results": "Inga resultat inlämnade eller loggade.",
    "report.more_logged": "… och {count} äldre loggade resultat (se `mlr-bot export --year {year}`).",
    "report.logged_note": "Ingen redovisning inlämnad; loggade resultat:",
    "report.future": "{year} har inte hänt än, så det finns ingen rapport för det året.",
    "report.no_plan_year": "Det finns ingen plan för {plan_year} att ställa bredvid resultaten.",
    "report.empty": "Det finns ingen plan, inga inlämnade resultat och inga poster för {year}.",
    "report.preparing": "Rapporten för {year} tas fram och kommer strax som {kind} i ett direktmeddelande.",
    "report.kind_docx": "ett Word-dokument",
    "report.kind_pdf": "en PDF (taggad, PDF/A)",
    "report.kind_xlsx": "en Excel-arbetsbok",
    "report.pdf_unavailable": "En PDF görs av LibreOffice, som inte finns där boten körs. Be den som driftar boten installera paketet libreoffice-writer-nogui, eller ta rapporten som Word: `/mlr rapport {year}`.",
    "report.pdf_failed": "PDF:en för {year} gick inte att göra (LibreOffice: {error}). Försök igen, eller ta rapporten som Word: `/mlr rapport {year}`.",
    "report.too_big": "Rapporten för {year} ({format}) är {size} MB, mer än Slack tar emot i en uppladdning ({limit} MB). Den som driftar boten kan göra den på servern: `mlr-bot report --year {year} --format {format} --out FIL`.",
    "report.upload_refused": "Slack tog inte emot rapporten för {year} ({format}, {size} MB): arbetsytan tillåter inte så stora filer. Den som driftar boten kan göra den på servern: `mlr-bot report --year {year} --format {format} --out FIL`.",
    "report.uploaded": "Årsrapporten för {year}, i verksamhetsplanens uppställning.",
    "error.after_answer": "Svaret ovan gick fram, men det som skulle följa kunde inte göras: Slack svarade `{error}`. Försök igen, och säg till koordinatorn om det händer igen.",
    "error.membership_unknown": "Slack kunde inte säga vem som är med i gruppens kanal (Slack svarade `{error}`), så det går inte att avgöra just nu om du hör till gruppen. Försök igen om en stund; säg till koordinatorn om det fortsätter.",
    "error.form_expired": "Formuläret hann inte öppnas: Slack väntar bara tre sekunder på det. Försök igen.",
    "error.form_failed": "Formuläret kunde inte öppnas (Slack svarade `{error}`). Försök igen, och säg till koordinatorn om det händer igen.",
    "undelivered.notice": ":warning: {what} för {period} kom inte fram till {where}: Slack svarade `{error}`.",
    "undelivered.invite": "Bjud in boten till kanalen (`/invite @mlr-bot`), så postas den vid nästa försök.",
    "undelivered.channel_gone": "Kanalen finns inte längre eller är arkiverad: koppla gruppen till sin nya kanal med `/mlr koppla` där.",
    "undelivered.missing_scope": "Slack-appen saknar en behörighet ({needed}): lägg till den under OAuth &amp; Permissions och installera om appen.",
    "undelivered.refused": "Slack tog inte emot meddelandet. Kontakta den som driftar boten; det försöks igen.",
    "undelivered.kind.digest": "Veckosammanfattningen",
    "undelivered.kind.overview": "Regionöversikten",
    "undelivered.kind.followup_prompt": "Uppmaningen till årsuppföljningen",
    "undelivered.kind.followup_reminder": "Påminnelsen om årsuppföljningen",
    "undelivered.kind.followup_late": "Listan över grupper som inte svarat",
    "undelivered.kind.followup_noplan": "Beskedet att planen saknas",
    "status.title": "Läget {week}",
    "status.title_year": "Läget {year}",
    "status.counts_year": "{year_count} {year_count:post|poster} daterad{year_count:|e} {year}",
    "status.title_group": "{name}: läget {year}",
    "status.counts": "{week} {week:post loggad|poster loggade} i veckan, {year_count} {year_count:post|poster} "
    "daterad{year_count:|e} {year}",
    "status.newest": "senaste resultat {date} (#{id})",
    "status.newest_text": "Senaste resultatet: {text}",
    "status.silent": "tyst i {weeks} {weeks:vecka|veckor}",
    "status.unresulted": "inget resultat än för {numbers}",
    "status.no_result_yet": "inget resultat loggat än",
    "status.statement": "resultaten för {year} inlämnade (version {version})",
    "status.channels": "Kanaler: {channels}",
    "status.not_visible": "Du ser status för grupperna vars kanaler du är med i. Skriv `/mlr status {key}` i gruppens kanal, eller be en koordinator.",
    "status.none_visible": "Du ser status för grupperna vars kanaler du är med i: skriv `/mlr status` i en gruppkanal.",
    "list.title": "Poster {first}–{last} av {total} · {scope}",
    "list.empty": "Inga poster · {scope}.",
    "list.heading_year": "Poster {year}",
    "list.years_with_entries": "Det finns poster för {years}.",
    "list.previous": "← Föregående",
    "list.next": "Nästa →",
    "list.edited": "(ändrad, version {version})",
    "list.none_visible": "Du ser poster för grupperna vars kanaler du är med i, och du är inte med i någon "
    "grupps kanal än. Be en koordinator att bjuda in dig.",
    "error.status_usage": "Skriv `/mlr status [grupp] [år]`, till exempel `/mlr status bostad 2026`.",
    "error.list_usage": "Skriv `/mlr lista [grupp] [--vecka 2026-W47 | --år 2026]`.",
    "error.search_usage": "Skriv vad du söker efter: `/mlr sök industrinatten`.",
    "error.entry_usage": "Ange postens nummer: `/mlr {word} 12`.",
    "entry.missing": "Det finns ingen post #{id}.",
    "entry.gone": "Post #{id} är borttagen; den syns i `/mlr historik {id}` men kan inte ändras.",
    "entry.not_yours": "Bara den som skrev post #{id} eller en koordinator kan ändra eller ta bort den.",
    "entry.move_coordinator": "Bara en koordinator kan flytta en post till en annan grupp.",
    "entry.edited": "Post #{id} är ändrad (version {version}). Tidigare versioner finns i `/mlr historik {id}`.",
    "entry.unchanged": "Post #{id} är oförändrad: du ändrade inget.",
    "entry.now": "Nu: {kind} för *{name}* (`{key}`)",
    "entry.delete_question": "Ta bort post #{id} (`{group}`)? Den försvinner ur sammanfattningar, listor och rapporter men finns kvar i historiken.\n> {text}",
    "entry.delete_yes": "Ta bort",
    "entry.delete_confirm_title": "Ta bort posten?",
    "entry.delete_confirm_text": "Post #{id} döljs; den finns kvar i historiken.",
    "entry.deleted": "Post #{id} är borttagen. Den finns kvar i `/mlr historik {id}`.",
    "entry.kept": "Post #{id} är kvar; inget togs bort.",
    "history.title": "Historik för post #{id}",
    "history.add": "loggade",
    "history.update": "ändrade",
    "history.delete": "tog bort",
    "home.title": "mlr-bot: dina grupper",
    "home.log_result": "Logga ett resultat",
    "home.log_activity": "Logga en aktivitet",
    "home.week": "Den här veckan: {week}",
    "home.group": "*{name}* (`{key}`): {week} {week:post|poster} den här veckan",
    "home.submitted": "resultat {year} inlämnade (version {version})",
    "home.not_submitted": ":hourglass: resultat {year} inte inlämnade",
    "home.no_groups": "Du är inte med i någon grupps kanal än. Be koordinatorn om en inbjudan.",
    "home.own": "Dina senaste poster",
    "home.no_own": "Du har inte loggat något än.",
    "home.help": "Skriv `/mlr hjälp` i en kanal för alla kommandon.",
    "console.banner": "mlr-bot-konsolen. Du är {user} i kanalen {channel}; databasen är {database}.\n"
    "Skriv /mlr-rader som i Slack, t.ex. /mlr hjälp. :user U… och :channel C… byter person och kanal, :svar visar svaren med knappar, :q avslutar.",
    "console.not_a_command": "Skriv en rad som börjar med /mlr, t.ex. /mlr hjälp (eller :q för att avsluta).",
    "console.in_channel": "(synligt i kanalen)",
    "console.ephemeral": "(bara du ser detta)",
    "console.only_them": "(bara {user} ser detta)",
    "console.answer": "svar",
    "console.replaced": "svar, uppdaterat",
    "console.message": "meddelande i {channel}",
    "console.form": "formulär öppnat: {title}. Svara fält för fält: Enter behåller det förifyllda värdet, "
    "- lämnar ett valfritt fält tomt, :avbryt avbryter",
    "console.optional": "(- lämnar fältet tomt)",
    "console.default": "[Enter = {value}]",
    "console.multiline": "(flera rader går bra; avsluta med en tom rad)",
    "console.pick": "Skriv ett av numren i listan.",
    "console.pick_many": "Skriv ett eller flera av numren i listan, t.ex. 1, 3.",
    "console.bad_date": "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2016-10-18.",
    "console.required": "Fältet måste fyllas i.",
    "console.form_errors": "Formuläret sparades inte:",
    "console.form_sent": "Formuläret är skickat.",
    "console.form_cancelled": "Formuläret är avbrutet; inget skickades.",
    "console.choices": "Skriv numret inom [ ] för att klicka, t.ex. {example} (direkt efter svaret räcker "
    "{button}). :svar visar svaren med knappar.",
    "console.no_choice": "Det finns inget val {number}. Skriv svarets och knappens nummer som de står inom [ ], "
    "t.ex. 3.1; :svar visar de senaste svaren med knappar.",
    "console.answers": "Svar med knappar (skriv t.ex. {example} för att klicka):",
    "console.now": "Du är nu {user} i kanalen {channel}.",
    "console.dm": "direktmeddelande",
    "console.mention": "(I konsolen nämner du en person med dess id, t.ex. @U0ANNA; i Slack väljer du namnet efter @.)",
    "console.no_answers": "Inget svar har knappar än.",
    "console.log": "Botens logg skrivs till {path}.",
    "console.confirm": "{title} {text} Skriv j för {yes}, något annat för {no}.",
    "console.not_clicked": "Inget klickades.",
    "console.file": "En fil i direktmeddelandet, sparad i {path}",
    "console.no_form": "Inget formulär är öppet. Knappen som öppnade det fungerar igen: :svar visar den.",
    "config.bot_token": "SLACK_BOT_TOKEN ska vara en bot-token som börjar med xoxb-",
    "config.app_token": "SLACK_APP_TOKEN ska vara en app-token som börjar med xapp- (för Socket Mode)",
    "config.api_url": "SLACK_API_URL ska vara en http(s)-adress som {default} (fick {value!r})",
    "config.database_url": "DATABASE_URL är ingen databasadress (fick {value!r})",
    "config.database_backend": "DATABASE_URL ska vara sqlite:///FIL eller postgresql+psycopg://ANVÄNDARE@VÄRD/DB (fick en {backend}-adress)",
    "config.language": "MLR_LANGUAGE ska vara ett av {choices} (fick {value!r})",
    "config.timezone": "MLR_TIMEZONE är ingen känd tidszon som Europe/Stockholm (fick {value!r})",
    "config.coordinators": "MLR_COORDINATORS ska vara Slack-användares id som U012AB3CD, åtskilda med komma (fick {value!r})",
    "config.coordinator_channel": "MLR_COORDINATOR_CHANNEL ska vara en Slack-kanals id som C012AB3CD (fick {value!r})",
    "config.port": "PORT ska vara ett tal från 1 till 65535 (fick {value!r})",
    "config.cron": "MLR_DIGEST_CRON ska vara fem cron-fält: minut timme dag månad veckodag, t.ex. '0 8 * * 1' (fick {value!r}: {error})",
    "config.choice": "{name} ska vara ett av {choices} (fick {value!r})",
    "config.whole_days": "{name} ska vara ett helt antal dagar, 0 eller fler (fick {value!r})",
    "config.month_day": "{name} ska vara en månad och dag som MM-DD, t.ex. 11-01 (fick {value!r})",
    "config.organisation": "MLR_ORGANISATION är organisationens namn, högst 100 tecken (fick {length})",
    "config.plan_period": "MLR_PLAN_PERIOD ska vara planens första och sista år, t.ex. 2016-2018 (fick {value!r})",
    "config.organisation_id": "MLR_ORGANISATION_ID ska vara organisationsnumret, tio siffror som 212000-1132, med rätt kontrollsiffra (fick {value!r})",
    "config.submission_agreement": "MLR_SUBMISSION_AGREEMENT är leveransöverenskommelsens referens, högst 200 tecken (fick {length})",
    "archive.needs_year": "archive behöver --year ÅR, till exempel `mlr-bot archive --year 2016` (eller `mlr-bot archive verify SÖKVÄG`)",
    "archive.unknown_year": "{year} har inga poster, planer eller redovisningar att arkivera; år med poster: {years}. Inget paket skrevs",
    "archive.no_years": "inga",
    "archive.needs_draft": "{year} kan bara paketeras som utkast: {reasons}. Lägg till --utkast för ett utkast; inget paket skrevs",
    "archive.not_over": "året {year} är inte slut",
    "archive.unapproved": "{count} {count:redovisning|redovisningar} väntar på godkännande ({groups})",
    "archive.bad_out": "{out} går inte att skriva i ({error}); inget paket skrevs",
    "archive.exists": "{path} finns redan; inget paket skrevs",
    "archive.bad_replaces": "--ersätter ska vara id:t på det paket som ersätts, t.ex. mlr-2016-… (fick {value!r}); inget paket skrevs",
    "archive.no_libreoffice": "LibreOffice behövs för årsredovisningens PDF/A men finns inte (installera libreoffice-writer-nogui); inget paket skrevs",
    "archive.pdf_failed": "årsredovisningens PDF/A gick inte att göra ({error}); inget paket skrevs",
    "archive.no_org_id": "varning: MLR_ORGANISATION_ID är inte satt, så paketet saknar organisationsnumret",
    "archive.no_names": "SLACK_BOT_TOKEN är inte satt: personerna står bara med sina Slack-id i paketet",
    "archive.name_failed": "varning: Slack gav inget namn för {user} ({error}); bara id:t står i paketet",
    "archive.written": "paketet {id} är skrivet till {path} ({files} filer, kontrollerade)",
    "archive.written_draft": "utkastet {id} är skrivet till {path} ({files} filer, kontrollerade)",
    "archive.not_package": "{path} är inget paket: ingen METS.xml (en mapp eller zip som mlr-bot archive gjort)",
    "archive.verified": "{path}: alla {files} filer stämmer med sina kontrollsummor och XML-filerna med sitt schema",
    "archive.differs": "{path}: {count} {count:fil|filer} stämmer inte",
    "archive.problem.missing": "saknas",
    "archive.problem.size": "storleken är {actual} byte, METS.xml säger {expected}",
    "archive.problem.checksum": "SHA-256 stämmer inte med METS.xml",
    "archive.problem.unlisted": "finns inte i METS.xml",
    "archive.problem.schema": "följer inte schemat: {error}",
    "archive.problem.unsafe": "sökvägen pekar utanför paketet",
    "archive.problem.mets": "METS.xml går inte att läsa: {error}",
    "config.no_bot_token": "SLACK_BOT_TOKEN är inte satt: kopiera bot-token (xoxb-…) från Slack-appen till .env",
    "config.no_signing_secret": "SLACK_SIGNING_SECRET är inte satt: kopiera signeringshemligheten (Signing Secret) från Slack-appens Basic Information",
    "jobs.digests": "veckosammanfattningar, cron '{cron}' (flyttas till nästa arbetsdag vid helgdag)",
    "jobs.followup": "årsuppföljningen: börjar {date} kl. 09.00 (MLR_FOLLOWUP_DATE), påminnelser på måndagar",
    "jobs.every_minute": "varje minut: sammanfattningar och uppföljningens poster som ska ut, flyttade av en helgdag, missade eller att försöka igen",
    "jobs.next": "nästa",
    "jobs.never": "aldrig",
    "jobs.moved": ", flyttad från {date} (helgdag)",
    "weekday.0": "måndag",
    "weekday.1": "tisdag",
    "weekday.2": "onsdag",
    "weekday.3": "torsdag",
    "weekday.4": "fredag",
    "weekday.5": "lördag",
    "weekday.6": "söndag",
    "cli.db_ready": "Databasen har det nyaste schemat.",
    "cli.cannot_write": "{option}: det går inte att skriva till {path} ({reason})",
    "cli.no_folder": "mappen {folder} finns inte",
    "cli.is_folder": "det är en mapp; ange en fil i den",
    "cli.no_permission": "ingen behörighet",
    "cli.db_unusable": "databasen i DATABASE_URL går inte att använda: {error}",
    "cli.bad_now": "--now ska vara en tid enligt ISO 8601, till exempel 2026-11-30T08:00+01:00 (fick {value!r})",
    "cli.bad_week": "--week: {value!r} är ingen vecka; skriv året, W och veckans nummer, till exempel 2026-W47",
    "cli.no_such_week": "--week: {year} har ingen vecka {number}",
    "cli.unknown_group": "det finns ingen grupp {key!r}; grupperna är: {keys}",
    "cli.nothing_logged": "Inget loggat {week}.",
    "cli.nothing_to_post": "Inget att skicka (vecka {week}; är en kanal kopplad, eller MLR_COORDINATOR_CHANNEL satt?)",
    "cli.file_needs_out": "--format {format} behöver --out FIL (filen är inte för terminalen)",
    "cli.bad_compare": "--compare {compare}: jämför med ett tidigare år än {year}",
    "cli.report_written": "Rapporten för {year} är skriven till {out}",
    "cli.unknown_report_format": "--format {format} finns inte för rapporten; välj en av: {formats}",
    "cli.pdf_unavailable": "--format pdf behöver LibreOffice, som inte finns här (installera paketet libreoffice-writer-nogui, se README.md); ingen fil är skriven",
    "cli.pdf_failed": "LibreOffice kunde inte göra PDF:en ({error}); ingen fil är skriven",
    "cli.carried": "{count} {count:plan|planer} kopierade till {year}",
    "cli.carried_from": "{key} (från {year})",
    "cli.carried_kept": "{count} {count:grupp|grupper} hade redan en plan för {year}, som behölls: {keys}",
    "cli.carried_without": "{count} {count:grupp|grupper} hade ingen tidigare plan att kopiera: {keys}",
    "cli.carried_revise": "Ändra dem med /mlr plan GRUPP {year}",
    "cli.groups_loaded": "{added} {added:tillagd|tillagda}, {updated} {updated:ändrad|ändrade}, "
    "{unchanged} {unchanged:oförändrad|oförändrade}",
    "cli.plans_set": "; planer satta: {plans}",
    "cli.exported": "{count} {count:post skriven|poster skrivna} till {out}",
    "cli.statements_exported": "{count} {count:version|versioner} av redovisningarna {count:skriven|skrivna} till {out}",
    "cli.token_refused": "Slack godtog inte SLACK_BOT_TOKEN ({error})",
    "cli.slack_unreachable": "Slacks Web API på {url} går inte att nå ({error})",
    "check.ok": "ok    ",
    "check.fail": "FEL   ",
    "check.warn": "obs   ",
    "check.libreoffice_ok": "libreoffice: {version} (för mlr-bot report --format pdf)",
    "check.libreoffice_missing": "libreoffice: finns inte, så mlr-bot report --format pdf och /mlr rapport pdf går inte (installera libreoffice-writer-nogui); boten i övrigt behöver det inte",
    "check.socket_mode": "Socket Mode",
    "check.http": "HTTP på port {port}",
    "check.settings": "inställningar: {mode}, språk {language}, tidszon {zone}",
    "check.settings_bad": "inställningar: {error}",
    "check.db_unreachable": "databasen {url}: går inte att nå ({error})",
    "check.no_schema": "inget",
    "check.db_behind": "databasen {url}: schemat är {current}, inte {head}: kör `mlr-bot db upgrade`",
    "check.db_ok": "databasen {url}: nåbar, schemat är {head}",
    "check.no_token": "slack: SLACK_BOT_TOKEN är inte satt",
    "check.token_refused": "slack: {url} godtog inte token ({error})",
    "check.slack_unreachable": "slack: {url} går inte att nå ({error})",
    "check.slack_ok": "slack: token är boten @{user} i {team}",
    "goal.met": "uppnås",
    "goal.partly": "delvis",
    "goal.not_met": "uppnås inte",
    "goal.not_assessed": "ej bedömd",
    "activity.done": "genomförd",
    "activity.ongoing": "pågår",
    "activity.not_started": "ej påbörjad",
    "activity.delayed": "försenad",
    "activity.cancelled": "utgår",
    "followup.assessment": "Bedömning av den långsiktiga målbilden {year}",
    "followup.assessment_hint": "Målbilden: {goal}",
    "followup.reason": "Motivering, en eller två meningar: behövs utom vid ”ej bedömd”",
    "followup.activity_status": "Status för ({number})",
    "followup.prefilled": "Bedömning och status är ifyllda från gruppens svar för {year}.",
    "followup.error_assessment": "Välj en bedömning av målbilden.",
    "followup.error_reason": "Motivera bedömningen med en eller två meningar (inte nödvändigt vid ”ej bedömd”).",
    "followup.error_status": "Välj en status för aktiviteten.",
    "followup.submitted_draft": ":memo: *{name}* har lämnat ett utkast till resultaten för {year} (version {version}), inlämnat av <@{user}>. Bedömning: {assessment}. En gruppledare eller koordinator godkänner det med knappen.",
    "followup.approve_button": "Godkänn version {version}",
    "followup.approved": ":white_check_mark: <@{user}> har godkänt version {version} av resultaten {year} för *{name}*.",
    "followup.error_not_lead": "Bara gruppens gruppledare eller en koordinator kan godkänna resultaten för *{name}*. Gruppledare nu: {leads}.",
    "followup.error_superseded": "Version {version} har ersatts av version {latest}. Inget godkändes.",
    "followup.error_already_approved": "Version {version} av resultaten {year} för *{name}* är redan godkänd.",
    "followup.no_leads": "inga (en koordinator lägger till dem med `/mlr gruppledare lägg till @person &lt;grupp&gt;`)",
    "followup.state_not_started": "inte påbörjad",
    "followup.state_draft": "utkast",
    "followup.state_approved": "godkänd",
    "followup.status_goal": "{marker} *{name}* (`{key}`): {state}, version {version} · {assessment} · <@{user}>, {date}",
    "followup.status_counts": "inte påbörjade: {not_started} · utkast: {draft} · godkända: {approved}",
    "followup.late_drafts": "Utkast som väntar på godkännande:",
    "followup.status_earlier_approved": "version {version} är godkänd och står i rapporten",
    "followup.error_unknown_version": "*{name}* har ingen version {version} av resultaten för {year} (senaste är {latest}). Inget godkändes.",
    "lead.added": "<@{user}> är nu gruppledare för *{name}* (`{key}`).",
    "lead.already": "<@{user}> är redan gruppledare för *{name}* (`{key}`).",
    "lead.removed": "<@{user}> är inte längre gruppledare för *{name}* (`{key}`).",
    "lead.not_lead": "<@{user}> är inte gruppledare för *{name}* (`{key}`).",
    "lead.list": "Gruppledare: {leads}",
    "error.lead_usage": "Skriv `/mlr gruppledare lägg till @person &lt;grupp&gt;` eller `/mlr gruppledare ta bort @person &lt;grupp&gt;`.",
    "word.lead": "gruppledare",
    "report.goals": "Måluppfyllelse {year}",
    "report.col_group": "Grupp",
    "report.col_assessment": "Bedömning {year}",
    "report.col_reason": "Motivering",
    "report.col_activities": "Aktiviteter",
    "report.draft": "utkast, ej godkänt",
    "report.no_activities": "Inga planerade aktiviteter.",
    "report.no_status": "ingen status",
    "report.no_status_count": "{count} {count:aktivitet|aktiviteter} utan angiven status",
    "report.draft_note": "Utkast, ännu inte godkänt:",
    "followup.history_title": "{name}: resultaten {year}, alla versioner",
    "followup.history_none": "Gruppen har inte lämnat några resultat för året.",
    "followup.history_line": "*Version {version}* · <@{user}>, {date} · {assessment} · {approval}",
    "followup.history_draft": "utkast",
    "followup.history_approved": "godkänd av <@{user}> {date}",
    "error.followup_history_usage": "Skriv `/mlr uppföljning historik &lt;grupp&gt; [år]`, till exempel `/mlr uppföljning historik kompetens 2026`.",
    # db backup, restore, verify, copy (issue 19)
    "db.verify_revision": "schema: {revision} (nyaste {head})",
    "db.verify_counts": "rader: {counts}",
    "db.verify_whole": "databasen är hel",
    "db.verify_found": "{count} {count:fel|fel} hittade",
    "verify.integrity": "SQLite integrity_check: {problem}",
    "verify.foreign_key": "tabellen {table}, rad {row}: pekar på en rad i {parent} som inte finns",
    "verify.schema_behind": "schemat är {current}, inte {head}: kör `mlr-bot db upgrade`",
    "verify.entry_version_missing": "post #{id} (version {version}): ingen händelse i granskningsloggen för version {versions}",
    "verify.entry_version_extra": "post #{id} (version {version}): version {versions} har mer än en händelse i granskningsloggen, eller är nyare än posten",
    "verify.entry_delete_missing": "post #{id} är raderad men granskningsloggen saknar raderingen",
    "verify.entry_missing": "post #{id} finns i granskningsloggen men inte bland posterna",
    "verify.more_entries": "och {count} {count:post|poster} till med samma slags fel",
    "verify.approval_half": "resultaten för {group} {year}, version {version}: godkännandet saknar vem eller när",
    "verify.statement_version_missing": "resultaten för {group} {year}: version {versions} saknas",
    "verify.statement_differs": "resultaten för {group} {year}: säger inte samma sak som sin version {version}",
    "verify.statement_audit_missing": "resultaten för {group} {year}: version {version} men {events} inlämningar i granskningsloggen",
    "verify.statement_missing": "resultaten för {group} {year}: versioner finns men inte resultaten själva",
    "db.backup_written": "säkerhetskopia skriven: {path} ({size}, {entries} {entries:post|poster}, schema {revision})",
    "db.out_exists": "{path} finns redan; en säkerhetskopia skriver aldrig över en fil (ange en mapp eller ett nytt namn)",
    "db.no_backup_dir": "ange var säkerhetskopian ska skrivas: --out SÖKVÄG eller MLR_BACKUP_DIR",
    "db.tool_missing": "{tool} finns inte i PATH; installera PostgreSQL:s klientprogram (t.ex. paketet postgresql-client) i version {version} eller nyare",
    "db.tool_failed": "{tool} misslyckades: {error}",
    "db.cannot_write": "kan inte skriva {path}: {error}",
    "db.disk_full": "det får inte plats på disken vid {path}; inget skrevs (den halva filen är borttagen)",
    "db.unreachable": "databasen {url} går inte att nå: {error}",
    "db.not_a_backup": "{path} är ingen säkerhetskopia från mlr-bot (ingen läsbar {manifest} bredvid den)",
    "db.checksum_mismatch": "{path} stämmer inte med sin kontrollsumma (SHA-256): filen är ändrad eller avkortad; inget skrevs",
    "db.wrong_kind": "säkerhetskopian är av en {source}-databas och målet är {target}; för att flytta mellan dem, återställ till samma slags databas och använd `mlr-bot db copy --to URL`",
    "db.newer_schema": "säkerhetskopian har schemat {revision}, som är nyare än denna version av mlr-bot ({head}); uppgradera mlr-bot först",
    "db.target_has_entries": "{url} har redan {count} {count:post|poster}; lägg till --replace för att ersätta allt i den med säkerhetskopian",
    "db.restored": "återställd från {path} till {url} (schema {revision}{upgraded})",
    "db.upgraded": ", uppgraderad till {head}",
    "db.restore_failed": "återställningen misslyckades och inget ändrades: {error}",
    "db.other_schema": "säkerhetskopian är av schemat {source} men {url} använder schemat {target}; ange ett mål vars search_path är {source}",
    "db.copy_failed": "kopieringen misslyckades och målet är som det var: {error}",
    "db.same_database": "källan och målet är samma databas ({url})",
    "db.source_behind": "källan {url} har schemat {current}, inte {head}: kör `mlr-bot db upgrade` på den först",
    "db.target_newer": "målet {url} har schemat {current}, som är nyare än denna version av mlr-bot ({head})",
    "db.target_not_empty": "målet {url} har redan {what}; kopiera bara till en tom databas (eller en som bara startats en gång); inget ändrades",
    "db.found.entries": "{count} {count:post|poster}",
    "db.found.statements": "{count} {count:resultatredovisning|resultatredovisningar}",
    "db.found.plans": "{count} {count:plan|planer} som en person gjort",
    "db.found.audit_events": "{count} {count:ändring|ändringar} i granskningsloggen som en person gjort",
    "db.copy_mismatch": "{table}: {source} rader med kontrollsumma {source_sum} i källan, {target} med {target_sum} i målet; kopian ångrades, inget ändrades",
    "db.copy_done": "kopierat till {url}: {tables} tabeller, {rows} rader, antal och kontrollsummor lika på båda sidor (schema {revision})",
    "db.copy_line": "{table}: {rows} rader, sha256 {checksum}",
    "db.bad_url": "{option}: {value!r} är ingen databas-URL (sqlite:///fil.db eller postgresql+psycopg://…)",
    "db.backup_failed_notice": ":warning: Den schemalagda säkerhetskopian {slot} misslyckades: {error}. Boten går vidare; se loggen och MLR_BACKUP_DIR.",
    "jobs.backups": "säkerhetskopia till {folder}, cron '{cron}'{keep}; missade och misslyckade görs om varje minut",
    "jobs.backups_keep": ", de {keep} nyaste behålls",
    "jobs.backups_keep_all": ", alla behålls",
    "check.backup_ok": "säkerhetskopior: {folder} är skrivbar, cron '{cron}'",
    "check.backup_no_dir": "säkerhetskopior: MLR_BACKUP_CRON är satt men inte MLR_BACKUP_DIR",
    "check.backup_dir_bad": "säkerhetskopior: {folder} går inte att skriva i ({error}); alla repliker måste nå samma lagring",
    "check.backup_no_pg_dump": "säkerhetskopior: pg_dump finns inte i PATH, och varje replik behöver det",
    "config.backup_cron": "MLR_BACKUP_CRON ska vara fem cron-fält: minut timme dag månad veckodag, t.ex. '30 2 * * *' (fick {value!r}: {error})",
    "config.backup_keep": "MLR_BACKUP_KEEP ska vara ett heltal större än 0 (fick {value!r})",
}

EN: dict[str, str] = {
    "kind.result": "Result",
    "kind.activity": "Activity",
    "saved": ":white_check_mark: Saved: {kind} *#{id}* for *{name}* (`{key}`) · by <@{user}>",
    "saved.fallback": "Saved: {kind} #{id} for {name}",
    "saved.details": "Happened: {date} · Planned activity: {activity} · Municipalities: {municipalities}",
    "saved.no_activity": "none given",
    "saved.no_municipalities": "none given",
    "saved.correct": "Anything wrong? Correct it with `/mlr edit {id}` or delete it with `/mlr delete {id}`.",
    "error.option_in_text": "`{typed}` stands in the middle of the text, so I cannot tell whether it is an option "
    "or part of the text. Put options first or last, for example `/mlr {fixed}`. If the words belong in the text, "
    'put the text in quotes: `/mlr {word} "…"`. Nothing was saved.',
    "error.not_member": "Only the people in the group's channel ({channels}) and the coordinators "
    "({coordinators}) can add and read entries for *{name}* (`{key}`). Ask one of them to log it, or ask a "
    "coordinator to invite you to the channel.",
    "error.not_member_not_saved": "Only the people in the group's channel ({channels}) and the coordinators "
    "({coordinators}) can add and read entries for *{name}* (`{key}`). Ask one of them to log it, or ask a "
    "coordinator to invite you to the channel. Nothing was saved.",
    "error.not_member_no_channel": "*{name}* (`{key}`) has no linked channel yet, so only the coordinators "
    "({coordinators}) can add and read its entries. A coordinator links the channel with `/mlr link {key}`.",
    "error.not_member_no_channel_not_saved": "*{name}* (`{key}`) has no linked channel yet, so only the "
    "coordinators ({coordinators}) can add and read its entries. A coordinator links the channel with "
    "`/mlr link {key}`. Nothing was saved.",
    "error.help_topic": "There is no command `{word}`. Type `/mlr help` for every command, or e.g. "
    "`/mlr help result` for one of them.",
    "error.one_activity": "`{typed}`: an entry belongs to one planned activity. Log one entry per activity, "
    "e.g. `/mlr result (1) …` and `/mlr result (2) …`. Nothing was saved.",
    "error.option_misspelt": "`{typed}` is not an option. Did you mean `{suggestion}`? Then type `/mlr {fixed}`. "
    "If `{typed}` belongs in the text, put the text in quotes: `/mlr {quoted}`. Nothing was saved.",
    "error.option_twice": "`{first}` and `{second}` say the same thing twice; write it once. Nothing was saved.",
    "error.option_empty": "`{typed}` has no value. Write for example `{example}`. Nothing was saved.",
    "error.unknown_municipality_suggest": "`{name}` is not one of MalmöLundregionen's municipalities. Did you mean "
    "`{suggestion}`? The municipalities are: {names}. Nothing was saved.",
    "error.unknown_group_not_saved": "There is no group `{key}`. The groups are: {keys}. Nothing was saved.",
    "error.unknown_group_suggest": "There is no group `{key}`. Did you mean {candidates}? The groups are: {keys}.",
    "error.unknown_group_suggest_not_saved": "There is no group `{key}`. Did you mean {candidates}? "
    "The groups are: {keys}. Nothing was saved.",
    "word.link": "link",
    "word.coordinator": "coordinator",
    "word.followup": "followup",
    "word.report": "report",
    "word.plan": "plan",
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
    "error.unknown_activity": "*{name}* has no planned activity ({number}) for {year}. The plan has: {activities}. "
    "Nothing was saved.",
    "error.unknown_activity_none": "*{name}* has no planned activity ({number}) for {year}: the plan for {year} "
    "has no numbered activities. Nothing was saved.",
    "error.no_plan_for_year": "*{name}* has no plan for {year}, so `({number})` names no planned activity. A "
    "coordinator adds the plan with `/mlr plan {key} {year}`, or copies every group's latest plan into {year} with "
    "`mlr-bot plan carry --to {year}`. Log without `({number})` until then. Nothing was saved.",
    "error.unknown_group": "There is no group `{key}`. The groups are: {keys}.",
    "error.group_closed": "*{name}* (`{key}`) is closed and takes no new entries. Nothing was saved.",
    "error.group_closed_on": "*{name}* (`{key}`) closed on {closed_on} and takes only entries dated on or before that day, not {date}. Nothing was saved.",
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
    "`{example}`.",
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
    "modal.edit_title": "Edit entry #{id}",
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
    "`/mlr result` without text opens a form with group, kind, date, activity, municipalities and text.\n"
    "From a direct message or an unlinked channel: name the group first, "
    "`/mlr result group:kompetens <text>`. Another date than today: `date:2026-11-20`.",
    "help.groups": "*Groups and weeks*\n`/mlr groups`: every group, its key and its channels.\n"
    "`/mlr digest [group]`: what was logged this week so far, only to you. Once a week, last week's "
    "digest comes to the group's channel.\n"
    "The week is the one the entry was logged in; the year (status by year, lists by year, the annual report) is "
    "the year it happened. An entry about another day stands in the week's digest with the day it happened.",
    "help.corrections": "*Status and corrections*\n"
    "`/mlr status [group] [year]`: where each group stands, only to you.\n"
    "`/mlr list [group] [--week 2026-W47 | --year 2026]` and `/mlr search <words>`: entries with numbers, page by page.\n"
    "`/mlr edit <no>` and `/mlr delete <no>`: for the entry's author or a coordinator. "
    "`/mlr history <no>` shows every version: nothing leaves the public record.",
    "help.followup": "*The annual follow-up*\n"
    "Once a year each group's channel gets a prompt with the button *Submit the results for <year>*. It opens a "
    "form filled in with what the group logged that year, per planned activity: edit it into the group's statement, "
    "assess the long-term goal and give each activity a status. What is submitted is a draft until a group lead or "
    "a coordinator approves it with the button under it; the approved one goes into the annual report. Groups that "
    "have not answered are reminded on Mondays until the deadline.",
    "help.coordinators": "*For coordinators*\n"
    "`/mlr link <group>`: link this channel to a group, e.g. `/mlr link bostad`\n"
    "`/mlr coordinator add @person` and `/mlr coordinator remove @person`\n"
    "`/mlr followup start|status|close [year]`: the annual follow-up. `/mlr report [year] [pdf|word|excel]`: the annual report (Word unless you say otherwise).\n"
    "`/mlr lead add|remove @person <group>`: who approves the group's statement. "
    "`/mlr followup history <group> [year]`: every version of the statement.\n"
    "`/mlr plan <group> [year]`: the group's plan. A coordinator can log for any group with `group:<key>`.",
    "help.options": "*Options when logging*: first or last in the text, in any order\n"
    "`group:<group>`: the group, when you log from a direct message or an unlinked channel, e.g. "
    "`group:bostad`, `group:sysselsättning` or `group:ÖP`\n"
    "`date:YYYY-MM-DD`: the day it happened, if not today, e.g. `date:2016-10-18`\n"
    "`(n)`: the planned activity in the group's plan, e.g. `(2)`\n"
    "`municipalities:<names>`: the municipalities that took part, e.g. `municipalities:Lund, Malmö` or "
    "`municipalities:Lund and Malmö`\n"
    "For example: `/mlr result group:kompetens (1) municipalities:Eslöv, Höör Industrinatten held date:2017-03-10`\n"
    'If the text itself must contain one of the words, e.g. "date:", put the text in quotes: '
    '`/mlr result "Decision on a new date: March"`. `/mlr help result` says more.',
    "help.topic_title": "mlr-bot: {command}",
    "help.topic_footer": "Every command: `/mlr help`.",
    "help.word.result": "/mlr result",
    "help.word.activity": "/mlr activity",
    "help.word.link": "/mlr link",
    "help.word.groups": "/mlr groups",
    "help.word.coordinator": "/mlr coordinator",
    "help.word.digest": "/mlr digest",
    "help.word.followup": "/mlr followup",
    "help.word.report": "/mlr report",
    "help.word.lead": "/mlr lead",
    "help.word.plan": "/mlr plan",
    "help.word.status": "/mlr status",
    "help.word.list": "/mlr list",
    "help.word.search": "/mlr search",
    "help.word.edit": "/mlr edit",
    "help.word.delete": "/mlr delete",
    "help.word.history": "/mlr history",
    "help.topic.result": "*`/mlr result <text>`* logs a result: something the group has achieved. It becomes a "
    "public record and goes into the weekly digest and the annual follow-up.\n\n"
    "*Where*: in the group's channel the entry goes to the channel's group. From a direct message or an unlinked "
    "channel, name the group with `group:`. Members of the group's channel and coordinators can log for the "
    "group.\n\n"
    "*Options*, first or last in the text, in any order:\n"
    "• `group:bostad`: the group. Its key, its Swedish name or the start of it all work: "
    "`group:sysselsättning`, `group:näringsliv`, `group:ÖP`.\n"
    "• `date:2016-10-18`: the day it happened (YYYY-MM-DD), otherwise today. The day decides the year the "
    "entry belongs to (status by year, lists by year, the annual report); the week's digest shows it in the week "
    "it was logged, with the day it happened.\n"
    "• `(2)`: the planned activity (2) in the group's plan for that year.\n"
    "• `municipalities:Lund, Malmö`: the municipalities that took part; also `municipalities:Lund,Malmö`, "
    '`municipalities:Lund and Malmö` or `municipalities:"Lund, Malmö"`, with or without å, ä and ö.\n\n'
    "*Examples*\n"
    "`/mlr result Workshop on good examples held`\n"
    "`/mlr result group:bostad Workshop held date:2016-10-18`\n"
    "`/mlr result (1) municipalities:Eslöv and Höör Industrinatten held`\n\n"
    "*Quotes*: an option in the middle of the text is not taken, because what it means is unclear. If the text "
    'itself must contain "date:" or "group:", put the whole text in quotes: '
    '`/mlr result "Decision on a new date: March"`.\n\n'
    "*Form*: `/mlr result` without text opens a form with group, kind, date, activity and municipalities.\n"
    "*The answer* shows everything saved: group, day, activity, municipalities and the entry's number. If "
    "anything is wrong, correct it with `/mlr edit <no>`.",
    "help.topic.activity": "*`/mlr activity <text>`* logs an activity: a meeting, an event, a study visit. "
    "It takes the same options as `/mlr result`: `group:bostad`, `date:2016-11-03`, `(2)` and "
    "`municipalities:Lund, Malmö`, first or last in the text.\n\n"
    "*Examples*\n"
    "`/mlr activity Meeting with the LTH student union`\n"
    "`/mlr activity date:2016-11-03 municipalities:Lund, Malmö Meeting with Business Arena`\n\n"
    "`/mlr help result` explains every option and how quotes work.",
    "help.topic.link": "*`/mlr link <group>`* (coordinators) links the channel you type in to a group: what is "
    "logged there goes to the group, and the group's members are the people in the channel. "
    "For example `/mlr link bostad` or `/mlr link näringsliv`.",
    "help.topic.groups": "*`/mlr groups`* shows every group with its key, kind, responsible municipalities and "
    "linked channels. The key is what you type after `group:`; the Swedish name works too.",
    "help.topic.coordinator": "*`/mlr coordinator add @person`* and *`/mlr coordinator remove @person`* "
    "(coordinators) change who the coordinators are. Mention the person with @ so that Slack links the name.",
    "help.topic.digest": "*`/mlr digest [group]`* shows what was logged this week so far, only to you: in a "
    "group's channel for that group, otherwise for the group you name, e.g. `/mlr digest sysselsättning`. An entry "
    "logged this week about another day stands with the day it happened.",
    "help.topic.followup": "*`/mlr followup start|status|close [year]`* (coordinators) runs the annual follow-up: "
    "start sends the prompt to the groups' channels, status shows who has answered, close ends it. "
    "For example `/mlr followup status 2017`.",
    "help.topic.report": "*`/mlr report [year] [pdf|word|excel]`* (coordinators) makes the annual report in the "
    "activity plan's layout and sends it in a direct message: a Word document unless you say otherwise, an "
    "accessible PDF (tagged, PDF/A) for the website with `pdf`, or an Excel workbook with `excel`. "
    "For example `/mlr report 2016` or `/mlr report 2016 pdf`.",
    "help.topic.lead": "*`/mlr lead add @person <group>`* and *`remove`* (coordinators) give and take away the right "
    "to approve the group's annual statement; `/mlr lead` shows who the group leads are. A member's statement is a "
    "draft until a group lead or a coordinator approves it with the button. "
    "`/mlr followup history <group> [year]` shows every version with its approval. "
    "For example `/mlr lead add @anna kompetens`.",
    "help.topic.plan": "*`/mlr plan <group> [year]`* (coordinators) opens the group's plan for the year: goal, "
    "description and the numbered activities that `(1)`, `(2)` refer to. For example `/mlr plan kompetens 2017`.",
    "help.topic.status": "*`/mlr status [group] [year]`* shows, only to you, where the groups stand: entries logged "
    "this week and entries dated in the year (the year it happened), the newest result and planned activities without a result. You see the groups whose channels "
    "you are in; coordinators see all. For example `/mlr status bostad 2017`.",
    "help.topic.list": "*`/mlr list [group] [--week 2026-W47 | --year 2026]`* shows entries with numbers, page by "
    "page, only to you. You see the entries of the groups whose channels you are in; coordinators see all. "
    "For example `/mlr list öp --year 2017`.",
    "help.topic.search": "*`/mlr search <words>`* searches the entries' text, whatever the case, among the groups "
    "whose channels you are in. For example `/mlr search industrinatten`.",
    "help.topic.edit": "*`/mlr edit <no>`* opens the entry in the form so that you can correct group, kind, date, "
    "activity, municipalities and text. The entry's author or a coordinator can edit; every version stays in "
    "`/mlr history <no>`.",
    "help.topic.delete": "*`/mlr delete <no>`* deletes an entry after a question. It leaves digests, lists and "
    "reports but stays in `/mlr history <no>`.",
    "help.topic.history": "*`/mlr history <no>`* shows every version of an entry: who, when and what. "
    "Nothing leaves the public record.",
    "help.footer": "Swedish words work too: resultat, aktivitet, koppla, grupper, sammanfattning, lista, sök, ändra, radera, historik, uppföljning, rapport, koordinator lägg till/ta bort, hjälp. Log from a message too: ⋯ → Logga som resultat (or Logga som aktivitet). `/mlr help <command>` shows one command in depth, e.g. `/mlr help result`.",
    "digest.title": "Weekly digest {week}: {name}",
    "digest.so_far_title": "So far {week}: {name}",
    "digest.totals": "{results} {results:result|results} · {activities} {activities:activity|activities} · `{key}`",
    "digest.results": "Results ({count})",
    "digest.activities": "Activities ({count})",
    "digest.nothing": "Nothing logged this week.",
    "digest.happened": "happened {date}",
    "digest.part": "part {number} of {total}",
    "error.digest_usage": "Type `/mlr digest` in the group's channel, or `/mlr digest <group>`.",
    "digest.usage": "Name the group: `/mlr digest <group>`, or use the command in the group's channel. The groups are: {keys}.",
    "overview.title": "Regional overview {week}",
    "overview.line": "*{name}* (`{key}`): {results} {results:result|results}, {activities} {activities:activity|activities}",
    "overview.newest": "Newest result {date} (#{id}): {text}",
    "overview.never": ":warning: nothing logged yet",
    "overview.silent": ":warning: silent for {weeks} {weeks:week|weeks}",
    "overview.totals": "{groups} active {groups:group|groups} · {results} {results:result|results} · {activities} {activities:activity|activities} · {silent} silent for 3 weeks or more",
    "followup.button": "Submit the results for {year}",
    "followup.prompt": ":clipboard: Time for the annual follow-up {year}: what did *{name}* achieve in {year}? The form is filled in with what the group logged; edit it into the group's statement and submit it by {deadline}.",
    "followup.reminder": ":bell: Reminder: *{name}* has not submitted its results for {year} yet. The deadline is {deadline}.",
    "followup.all_answered": "Annual follow-up {year}: all {answered} active groups have submitted their results.",
    "followup.late_title": "Annual follow-up {year}: the deadline has passed and {count} {count:group has|groups have} not submitted their results ({answered} have):",
    "followup.draft_activity": "Activity: ",
    "followup.form_title": "Results {year}",
    "followup.form_submit": "Submit",
    "followup.form_intro": "The group's statement of results {year} for *{name}*. The fields are filled in with what the group logged during the year; rewrite them into what you want to report.",
    "followup.form_resubmit": "The group has already submitted version {version}; what you submit now replaces it (earlier versions are kept).",
    "followup.form_shortened": "Not everything logged fit in the fields; the whole log is in `mlr-bot export`.",
    "followup.other": "Other, outside the planned activities",
    "followup.only": "Results {year}",
    "followup.error_empty": "Write the group's results in at least one field.",
    "followup.error_not_member": "Only members of the group's channel or a coordinator can submit the group's results. Nothing was saved.",
    "followup.error_closed": "The annual follow-up {year} is closed. Contact the coordinator. Nothing was saved.",
    "followup.error_no_campaign": "There is no annual follow-up for {year}.",
    "followup.submitted": ":white_check_mark: *{name}* has submitted its results for {year} (version {version}), by <@{user}>.",
    "followup.started": "The annual follow-up {year} has started, deadline {deadline}. Prompts go to {channels} {channels:channel|channels}.",
    "followup.started_no_channel": "Groups without a linked channel get no prompt: {keys}.",
    "followup.started_again": "The annual follow-up {year} is open, with the deadline {deadline}. The prompts went out on {date} at {time} to {posted} {posted:channel|channels} and are not sent again; their button still works. Groups that have not answered are reminded by themselves on Mondays at 09:00 until the deadline, and `/mlr followup status {year}` shows which they are.",
    "followup.started_new_channels": "{channels} {channels:channel|channels} linked since then get their prompt now.",
    "followup.closed": "The annual follow-up {year} is closed. No more reminders are sent.",
    "followup.revise_offer": "The plan for {year} can be revised now: the button copies each active group's latest plan into {year}, and then you edit it with `/mlr plan <group> {year}`. A plan {year} already has is kept.",
    "followup.revise_button": "Copy the plans into {year}",
    "followup.not_open": "There is no open annual follow-up for {year}.",
    "followup.no_plan": "There is neither a plan nor any entry for {year}, so the annual follow-up cannot start. Add the plan with `/mlr plan <group> {year}` or `mlr-bot groups load FILE`, or log the year's results with `date:`.",
    "followup.no_plan_notice": "The annual follow-up {year} was due to start today, but there is neither a plan nor any entry for {year}. Add the plan and start it with `/mlr followup start {year}`.",
    "followup.future": "{year} has not begun yet, so there is no annual follow-up for it.",
    "followup.status_title": "Annual follow-up {year}",
    "followup.status_summary": "{state} · deadline {deadline} · {answered} of {total} {total:group has|groups have} answered",
    "followup.status_missing": ":hourglass: *{name}* (`{key}`): not submitted",
    "followup.status_answered": ":white_check_mark: *{name}* (`{key}`): version {version}, <@{user}>, {date}",
    "followup.state_open": "open",
    "followup.state_closed": "closed",
    "error.followup_usage": "Type `/mlr followup start [year]`, `/mlr followup status [year]` or `/mlr followup close [year]`.",
    "error.report_usage": "Type `/mlr report [year] [pdf|word|excel]`, for example `/mlr report 2026` (Word) or `/mlr report 2026 pdf`.",
    "error.plan_usage": "Type `/mlr plan <group> [year]`, for example `/mlr plan kompetens 2027`.",
    "error.year": "Give the year with four digits.",
    "plan.title": "Plan {year}",
    "plan.goal": "Long-term goal for {name}",
    "plan.description": "Description and implementation",
    "plan.activities": "Planned activities, at most {max}, one per field: numbered (1), (2), (3) in that "
    "order, empty fields skipped.",
    "plan.activity": "Activity ({number})",
    "plan.too_long": "The plan for `{key}` {year} cannot be changed in the form: {field} is {length} characters "
    "and a field holds {max}, so the rest would be lost. Change the plan in the groups file and load it with "
    "`mlr-bot groups load`.",
    "plan.after_activities": "Text after the activities",
    "plan.error_goal": "Write the long-term goal.",
    "plan.error_old_form": "This form is of an older kind and would lose the activities: close it and open it "
    "again with `/mlr plan`. Nothing was saved.",
    "plan.error_coordinator": "Only coordinators can change the plan. Nothing was saved.",
    "plan.saved": "The plan for `{key}` {year} is saved, with {count} numbered {count:activity|activities}.",
    "plan.carried": "{count} plans copied into {year}: {keys}. Edit them with `/mlr plan <group> {year}`.",
    "plan.carried_none": "No plan was copied into {year}.",
    "plan.carried_kept": "{count} groups already had a plan for {year}, which was kept: {keys}.",
    "report.title": "Follow-up {year}",
    "report.title_revised": "Activity plan revised for {plan_year} · Results {year}",
    "report.subtitle": "Activity plan {first}–{last}",
    "report.focus": "Focus areas {organisation} {first}–{last}",
    "report.closed": "Closed focus area",
    "report.closed_many": "Closed focus areas",
    "report.ongoing": "Ongoing work in {organisation}",
    "report.participation": "The municipalities' participation {year}",
    "report.col_focus": "Focus area",
    "report.col_work": "Work",
    "report.col_goal": "Long-term goal",
    "report.col_planned": "Description and implementation {plan_year}",
    "report.no_plan": "No plan was made for {plan_year}.",
    "report.col_results": "Results {year}",
    "report.col_municipality": "Municipality",
    "report.col_responsible": "Responsible for",
    "report.col_took_part": "Took part in {year} (entries)",
    "report.closed_on": "Closed {date}",
    "report.no_results": "No results submitted or logged.",
    "report.more_logged": "… and {count} older logged {count:result|results} (see `mlr-bot export --year {year}`).",
    "report.logged_note": "No statement submitted; logged results:",
    "report.future": "{year} has not happened yet, so there is no report for it.",
    "report.no_plan_year": "There is no plan for {plan_year} to set beside the results.",
    "report.empty": "There is no plan, no submitted results and no entry for {year}.",
    "report.preparing": "The report for {year} is being made and will arrive shortly as {kind} in a direct message.",
    "report.kind_docx": "a Word document",
    "report.kind_pdf": "a PDF (tagged, PDF/A)",
    "report.kind_xlsx": "an Excel workbook",
    "report.pdf_unavailable": "A PDF is made by LibreOffice, which is not installed where the bot runs. Ask whoever runs the bot to install the package libreoffice-writer-nogui, or take the report as Word: `/mlr report {year}`.",
    "report.pdf_failed": "The PDF for {year} could not be made (LibreOffice: {error}). Please try again, or take the report as Word: `/mlr report {year}`.",
    "report.too_big": "The report for {year} ({format}) is {size} MB, more than Slack takes in one upload ({limit} MB). Whoever runs the bot can make it on the server: `mlr-bot report --year {year} --format {format} --out FILE`.",
    "report.upload_refused": "Slack did not take the report for {year} ({format}, {size} MB): the workspace does not allow files that large. Whoever runs the bot can make it on the server: `mlr-bot report --year {year} --format {format} --out FILE`.",
    "report.uploaded": "The annual report for {year}, in the activity plan's layout.",
    "error.after_answer": "The answer above went out, but what was to follow could not be done: Slack answered `{error}`. Please try again, and tell the coordinator if it happens again.",
    "error.membership_unknown": "Slack could not say who is in the group's channel (Slack answered `{error}`), so whether you belong to the group cannot be told just now. Please try again in a while; tell the coordinator if it goes on.",
    "error.form_expired": "The form did not open in time: Slack waits only three seconds for it. Please try again.",
    "error.form_failed": "The form could not open (Slack answered `{error}`). Please try again, and tell the coordinator if it happens again.",
    "undelivered.notice": ":warning: {what} for {period} did not reach {where}: Slack answered `{error}`.",
    "undelivered.invite": "Invite the bot to the channel (`/invite @mlr-bot`) and it is posted at the next try.",
    "undelivered.channel_gone": "The channel is gone or archived: link the group to its new channel with `/mlr link` there.",
    "undelivered.missing_scope": "The Slack app lacks a permission ({needed}): add it under OAuth &amp; Permissions and reinstall the app.",
    "undelivered.refused": "Slack did not take the message. Contact whoever runs the bot; it is tried again.",
    "undelivered.kind.digest": "The weekly digest",
    "undelivered.kind.overview": "The regional overview",
    "undelivered.kind.followup_prompt": "The follow-up prompt",
    "undelivered.kind.followup_reminder": "The follow-up reminder",
    "undelivered.kind.followup_late": "The list of groups that have not answered",
    "undelivered.kind.followup_noplan": "The notice that the plan is missing",
    "status.title": "Where we are, {week}",
    "status.title_year": "Where we were, {year}",
    "status.counts_year": "{year_count} {year_count:entry|entries} dated {year}",
    "status.title_group": "{name}: where it stands in {year}",
    "status.counts": "{week} {week:entry|entries} logged this week, {year_count} dated {year}",
    "status.newest": "newest result {date} (#{id})",
    "status.newest_text": "Newest result: {text}",
    "status.silent": "silent for {weeks} {weeks:week|weeks}",
    "status.unresulted": "no result yet for {numbers}",
    "status.no_result_yet": "no result logged yet",
    "status.statement": "the results for {year} submitted (version {version})",
    "status.channels": "Channels: {channels}",
    "status.not_visible": "You see the status of the groups whose channels you are in. Type `/mlr status {key}` in the group's channel, or ask a coordinator.",
    "status.none_visible": "You see the status of the groups whose channels you are in: type `/mlr status` in a group channel.",
    "list.title": "Entries {first}–{last} of {total} · {scope}",
    "list.empty": "No entries · {scope}.",
    "list.heading_year": "Entries {year}",
    "list.years_with_entries": "There are entries for {years}.",
    "list.previous": "← Previous",
    "list.next": "Next →",
    "list.edited": "(edited, version {version})",
    "list.none_visible": "You see the entries of the groups whose channels you are in, and you are not in any "
    "group's channel yet. Ask a coordinator for an invitation.",
    "error.status_usage": "Type `/mlr status [group] [year]`, for example `/mlr status bostad 2026`.",
    "error.list_usage": "Type `/mlr list [group] [--week 2026-W47 | --year 2026]`.",
    "error.search_usage": "Type what you are looking for: `/mlr search industrinatten`.",
    "error.entry_usage": "Give the entry's number: `/mlr {word} 12`.",
    "entry.missing": "There is no entry #{id}.",
    "entry.gone": "Entry #{id} is deleted; it shows in `/mlr history {id}` but cannot be changed.",
    "entry.not_yours": "Only the author of entry #{id} or a coordinator can edit or delete it.",
    "entry.move_coordinator": "Only a coordinator can move an entry to another group.",
    "entry.edited": "Entry #{id} is edited (version {version}). Earlier versions are in `/mlr history {id}`.",
    "entry.unchanged": "Entry #{id} is unchanged: you changed nothing.",
    "entry.now": "Now: {kind} for *{name}* (`{key}`)",
    "entry.delete_question": "Delete entry #{id} (`{group}`)? It leaves digests, lists and reports but stays in the history.\n> {text}",
    "entry.delete_yes": "Delete",
    "entry.delete_confirm_title": "Delete the entry?",
    "entry.delete_confirm_text": "Entry #{id} is hidden; it stays in the history.",
    "entry.deleted": "Entry #{id} is deleted. It stays in `/mlr history {id}`.",
    "entry.kept": "Entry #{id} stays; nothing was deleted.",
    "history.title": "History of entry #{id}",
    "history.add": "logged",
    "history.update": "edited",
    "history.delete": "deleted",
    "home.title": "mlr-bot: your groups",
    "home.log_result": "Log a result",
    "home.log_activity": "Log an activity",
    "home.week": "This week: {week}",
    "home.group": "*{name}* (`{key}`): {week} {week:entry|entries} this week",
    "home.submitted": "results {year} submitted (version {version})",
    "home.not_submitted": ":hourglass: results {year} not submitted",
    "home.no_groups": "You are not in any group's channel yet. Ask the coordinator for an invitation.",
    "home.own": "Your latest entries",
    "home.no_own": "You have not logged anything yet.",
    "home.help": "Type `/mlr help` in a channel for every command.",
    "console.banner": "The mlr-bot console. You are {user} in channel {channel}; the database is {database}.\n"
    "Type /mlr lines as in Slack, e.g. /mlr help. :user U… and :channel C… change person and channel, :answers lists the answers with buttons, :q quits.",
    "console.not_a_command": "Type a line starting with /mlr, e.g. /mlr help (or :q to quit).",
    "console.in_channel": "(visible in the channel)",
    "console.ephemeral": "(only you see this)",
    "console.only_them": "(only {user} sees this)",
    "console.answer": "answer",
    "console.replaced": "answer, updated",
    "console.message": "message in {channel}",
    "console.form": "form opened: {title}. Answer field by field: Enter keeps the pre-filled value, "
    "- leaves an optional field empty, :cancel cancels",
    "console.optional": "(- leaves the field empty)",
    "console.default": "[Enter = {value}]",
    "console.multiline": "(several lines are fine; end with an empty line)",
    "console.pick": "Type one of the numbers in the list.",
    "console.pick_many": "Type one or more of the numbers in the list, e.g. 1, 3.",
    "console.bad_date": "Type the date as YYYY-MM-DD, e.g. 2016-10-18.",
    "console.required": "The field must be filled in.",
    "console.form_errors": "The form was not saved:",
    "console.form_sent": "The form is submitted.",
    "console.form_cancelled": "The form is cancelled; nothing was submitted.",
    "console.choices": "Type the number in [ ] to click, e.g. {example} (right after the answer, {button} "
    "will do). :answers lists the answers with buttons.",
    "console.no_choice": "There is no choice {number}. Type the answer's and the button's number as they stand in "
    "[ ], e.g. 3.1; :answers lists the recent answers with buttons.",
    "console.answers": "Answers with buttons (type e.g. {example} to click):",
    "console.now": "You are now {user} in channel {channel}.",
    "console.dm": "direct message",
    "console.mention": "(In the console you mention a person by their id, e.g. @U0ANNA; in Slack you pick the name after @.)",
    "console.no_answers": "No answer has buttons yet.",
    "console.log": "The bot's log is written to {path}.",
    "console.confirm": "{title} {text} Type y for {yes}, anything else for {no}.",
    "console.not_clicked": "Nothing was clicked.",
    "console.file": "A file in the direct message, saved in {path}",
    "console.no_form": "No form is open. The button that opened it works again: :answers shows it.",
    "config.bot_token": "SLACK_BOT_TOKEN must be a bot token starting with xoxb-",
    "config.app_token": "SLACK_APP_TOKEN must be an app-level token starting with xapp- (for Socket Mode)",
    "config.api_url": "SLACK_API_URL must be an http(s) URL such as {default} (got {value!r})",
    "config.database_url": "DATABASE_URL is not a database URL (got {value!r})",
    "config.database_backend": "DATABASE_URL must be sqlite:///FILE or postgresql+psycopg://USER@HOST/DB (got a {backend} URL)",
    "config.language": "MLR_LANGUAGE must be one of {choices} (got {value!r})",
    "config.timezone": "MLR_TIMEZONE is not a known time zone such as Europe/Stockholm (got {value!r})",
    "config.coordinators": "MLR_COORDINATORS must be Slack user ids like U012AB3CD, comma-separated (got {value!r})",
    "config.coordinator_channel": "MLR_COORDINATOR_CHANNEL must be a Slack channel id like C012AB3CD (got {value!r})",
    "config.port": "PORT must be a number from 1 to 65535 (got {value!r})",
    "config.cron": "MLR_DIGEST_CRON must be five cron fields: minute hour day month weekday, e.g. '0 8 * * 1' (got {value!r}: {error})",
    "config.choice": "{name} must be one of {choices} (got {value!r})",
    "config.whole_days": "{name} must be a whole number of days, 0 or more (got {value!r})",
    "config.month_day": "{name} must be a month and day as MM-DD, e.g. 11-01 (got {value!r})",
    "config.organisation": "MLR_ORGANISATION is the organisation's name, at most 100 characters (got {length})",
    "config.plan_period": "MLR_PLAN_PERIOD must be the plan's first and last year, e.g. 2016-2018 (got {value!r})",
    "config.organisation_id": "MLR_ORGANISATION_ID must be the organisation number, ten digits like 212000-1132, with the right check digit (got {value!r})",
    "config.submission_agreement": "MLR_SUBMISSION_AGREEMENT must be the submission agreement's reference, at most 200 characters (got {length})",
    "archive.needs_year": "archive needs --year YEAR, for example `mlr-bot archive --year 2016` (or `mlr-bot archive verify PATH`)",
    "archive.unknown_year": "{year} has no entries, plans or statements to archive; years with entries: {years}. No package was written",
    "archive.no_years": "none",
    "archive.needs_draft": "{year} can only be packaged as a draft: {reasons}. Add --draft for a draft; no package was written",
    "archive.not_over": "the year {year} is not over",
    "archive.unapproved": "{count} {count:statement|statements} waiting for approval ({groups})",
    "archive.bad_out": "{out} cannot be written to ({error}); no package was written",
    "archive.exists": "{path} exists already; no package was written",
    "archive.bad_replaces": "--replaces must be the id of the package replaced, e.g. mlr-2016-… (got {value!r}); no package was written",
    "archive.no_libreoffice": "LibreOffice is needed for the annual report's PDF/A but is not installed (install libreoffice-writer-nogui); no package was written",
    "archive.pdf_failed": "the annual report's PDF/A could not be made ({error}); no package was written",
    "archive.no_org_id": "warning: MLR_ORGANISATION_ID is not set, so the package has no organisation number",
    "archive.no_names": "SLACK_BOT_TOKEN is not set: people appear by their Slack ids alone in the package",
    "archive.name_failed": "warning: Slack gave no name for {user} ({error}); the id alone is in the package",
    "archive.written": "package {id} written to {path} ({files} files, checked)",
    "archive.written_draft": "draft {id} written to {path} ({files} files, checked)",
    "archive.not_package": "{path} is not a package: no METS.xml (a folder or zip made by mlr-bot archive)",
    "archive.verified": "{path}: all {files} files match their checksums and the XML files their schema",
    "archive.differs": "{path}: {count} {count:file differs|files differ}",
    "archive.problem.missing": "missing",
    "archive.problem.size": "is {actual} bytes, METS.xml says {expected}",
    "archive.problem.checksum": "SHA-256 does not match METS.xml",
    "archive.problem.unlisted": "is not in METS.xml",
    "archive.problem.schema": "does not follow its schema: {error}",
    "archive.problem.unsafe": "the path points outside the package",
    "archive.problem.mets": "METS.xml cannot be read: {error}",
    "config.no_bot_token": "SLACK_BOT_TOKEN is not set: copy the bot token (xoxb-…) from the Slack app into .env",
    "config.no_signing_secret": "SLACK_SIGNING_SECRET is not set: copy the signing secret from the Slack app's Basic Information",
    "jobs.digests": "weekly digests, cron '{cron}' (moved to the next working day on holidays)",
    "jobs.followup": "annual follow-up: starts {date} at 09:00 (MLR_FOLLOWUP_DATE), reminders on Mondays",
    "jobs.every_minute": "every minute: digests and follow-up posts that are due, moved by a holiday, missed, or to retry",
    "jobs.next": "next",
    "jobs.never": "never",
    "jobs.moved": ", moved from {date} (holiday)",
    "weekday.0": "Monday",
    "weekday.1": "Tuesday",
    "weekday.2": "Wednesday",
    "weekday.3": "Thursday",
    "weekday.4": "Friday",
    "weekday.5": "Saturday",
    "weekday.6": "Sunday",
    "cli.db_ready": "The database is at the newest schema.",
    "cli.cannot_write": "{option}: cannot write to {path} ({reason})",
    "cli.no_folder": "the folder {folder} does not exist",
    "cli.is_folder": "it is a folder; name a file in it",
    "cli.no_permission": "permission denied",
    "cli.db_unusable": "the database at DATABASE_URL cannot be used: {error}",
    "cli.bad_now": "--now must be an ISO 8601 time such as 2026-11-30T08:00+01:00 (got {value!r})",
    "cli.bad_week": "--week: {value!r} is not a week; write the year, W and the week's number, e.g. 2026-W47",
    "cli.no_such_week": "--week: {year} has no week {number}",
    "cli.unknown_group": "there is no group {key!r}; the groups are: {keys}",
    "cli.nothing_logged": "Nothing logged in {week}.",
    "cli.nothing_to_post": "Nothing to post (week {week}; is a channel linked, or MLR_COORDINATOR_CHANNEL set?)",
    "cli.file_needs_out": "--format {format} needs --out FILE (the file is not for the terminal)",
    "cli.bad_compare": "--compare {compare}: compare with an earlier year than {year}",
    "cli.report_written": "The report for {year} is written to {out}",
    "cli.unknown_report_format": "--format {format} is not a report format; choose one of: {formats}",
    "cli.pdf_unavailable": "--format pdf needs LibreOffice, which is not installed here (install the package libreoffice-writer-nogui, see README.md); no file was written",
    "cli.pdf_failed": "LibreOffice could not make the PDF ({error}); no file was written",
    "cli.carried": "{count} {count:plan|plans} carried to {year}",
    "cli.carried_from": "{key} (from {year})",
    "cli.carried_kept": "{count} {count:group|groups} already had a plan for {year}, kept as it is: {keys}",
    "cli.carried_without": "{count} {count:group|groups} had no earlier plan to carry: {keys}",
    "cli.carried_revise": "Revise them with /mlr plan GROUP {year}",
    "cli.groups_loaded": "{added} added, {updated} updated, {unchanged} unchanged",
    "cli.plans_set": "; plans set: {plans}",
    "cli.exported": "{count} {count:entry|entries} written to {out}",
    "cli.statements_exported": "{count} statement {count:version|versions} written to {out}",
    "cli.token_refused": "Slack did not accept SLACK_BOT_TOKEN ({error})",
    "cli.slack_unreachable": "cannot reach Slack's Web API at {url} ({error})",
    "check.ok": "ok    ",
    "check.fail": "FAIL  ",
    "check.warn": "warn  ",
    "check.libreoffice_ok": "libreoffice: {version} (for mlr-bot report --format pdf)",
    "check.libreoffice_missing": "libreoffice: not installed, so mlr-bot report --format pdf and /mlr report pdf do not work (install libreoffice-writer-nogui); the bot needs it for nothing else",
    "check.socket_mode": "Socket Mode",
    "check.http": "HTTP mode on port {port}",
    "check.settings": "settings: {mode}, language {language}, time zone {zone}",
    "check.settings_bad": "settings: {error}",
    "check.db_unreachable": "database {url}: cannot be reached ({error})",
    "check.no_schema": "nothing",
    "check.db_behind": "database {url}: schema at {current}, not {head}: run `mlr-bot db upgrade`",
    "check.db_ok": "database {url}: reachable, schema at {head}",
    "check.no_token": "slack: SLACK_BOT_TOKEN is not set",
    "check.token_refused": "slack: {url} refused the token ({error})",
    "check.slack_unreachable": "slack: {url} cannot be reached ({error})",
    "check.slack_ok": "slack: the token is the bot @{user} in {team}",
    "goal.met": "met",
    "goal.partly": "partly met",
    "goal.not_met": "not met",
    "goal.not_assessed": "not assessed",
    "activity.done": "done",
    "activity.ongoing": "ongoing",
    "activity.not_started": "not started",
    "activity.delayed": "delayed",
    "activity.cancelled": "cancelled",
    "followup.assessment": "Assessment of the long-term goal {year}",
    "followup.assessment_hint": "The goal: {goal}",
    "followup.reason": "Reason, one or two sentences: needed unless “not assessed”",
    "followup.activity_status": "Status of ({number})",
    "followup.prefilled": "Assessment and statuses are filled in from the group's answer for {year}.",
    "followup.error_assessment": "Choose an assessment of the goal.",
    "followup.error_reason": "Give the assessment's reason in one or two sentences (not needed for “not assessed”).",
    "followup.error_status": "Choose the activity's status.",
    "followup.submitted_draft": ":memo: *{name}* has submitted a draft of its results for {year} (version {version}), by <@{user}>. Assessment: {assessment}. A group lead or coordinator approves it with the button.",
    "followup.approve_button": "Approve version {version}",
    "followup.approved": ":white_check_mark: <@{user}> has approved version {version} of the {year} results of *{name}*.",
    "followup.error_not_lead": "Only the group's leads or a coordinator can approve the results of *{name}*. Group leads now: {leads}.",
    "followup.error_superseded": "Version {version} has been replaced by version {latest}. Nothing was approved.",
    "followup.error_already_approved": "Version {version} of the {year} results of *{name}* is already approved.",
    "followup.no_leads": "none (a coordinator adds them with `/mlr lead add @person &lt;group&gt;`)",
    "followup.state_not_started": "not started",
    "followup.state_draft": "draft",
    "followup.state_approved": "approved",
    "followup.status_goal": "{marker} *{name}* (`{key}`): {state}, version {version} · {assessment} · <@{user}>, {date}",
    "followup.status_counts": "not started: {not_started} · drafts: {draft} · approved: {approved}",
    "followup.late_drafts": "Drafts awaiting approval:",
    "followup.status_earlier_approved": "version {version} is approved and is in the report",
    "followup.error_unknown_version": "*{name}* has no version {version} of its results for {year} (the latest is {latest}). Nothing was approved.",
    "lead.added": "<@{user}> now leads *{name}* (`{key}`).",
    "lead.already": "<@{user}> already leads *{name}* (`{key}`).",
    "lead.removed": "<@{user}> no longer leads *{name}* (`{key}`).",
    "lead.not_lead": "<@{user}> does not lead *{name}* (`{key}`).",
    "lead.list": "Group leads: {leads}",
    "error.lead_usage": "Type `/mlr lead add @person &lt;group&gt;` or `/mlr lead remove @person &lt;group&gt;`.",
    "word.lead": "lead",
    "report.goals": "Goal attainment {year}",
    "report.col_group": "Group",
    "report.col_assessment": "Assessment {year}",
    "report.col_reason": "Reason",
    "report.col_activities": "Activities",
    "report.draft": "draft, not approved",
    "report.no_activities": "No planned activities.",
    "report.no_status": "no status",
    "report.no_status_count": "{count} {count:activity|activities} without a stated status",
    "report.draft_note": "Draft, not approved yet:",
    "followup.history_title": "{name}: results {year}, every version",
    "followup.history_none": "The group has submitted no results for the year.",
    "followup.history_line": "*Version {version}* · <@{user}>, {date} · {assessment} · {approval}",
    "followup.history_draft": "draft",
    "followup.history_approved": "approved by <@{user}> {date}",
    "error.followup_history_usage": "Type `/mlr followup history &lt;group&gt; [year]`, for example `/mlr followup history kompetens 2026`.",
    # db backup, restore, verify, copy (issue 19)
    "db.verify_revision": "schema: {revision} (newest {head})",
    "db.verify_counts": "rows: {counts}",
    "db.verify_whole": "the database is whole",
    "db.verify_found": "{count} {count:finding|findings}",
    "verify.integrity": "SQLite integrity_check: {problem}",
    "verify.foreign_key": "table {table}, row {row}: points at a row of {parent} that is not there",
    "verify.schema_behind": "the schema is at {current}, not {head}: run `mlr-bot db upgrade`",
    "verify.entry_version_missing": "entry #{id} (version {version}): no audit event for version {versions}",
    "verify.entry_version_extra": "entry #{id} (version {version}): version {versions} has more than one audit event, or is newer than the entry",
    "verify.entry_delete_missing": "entry #{id} is deleted but the audit trail has no deletion",
    "verify.entry_missing": "entry #{id} is in the audit trail but not among the entries",
    "verify.more_entries": "and {count} more {count:entry|entries} with the same kind of finding",
    "verify.approval_half": "the results of {group} {year}, version {version}: the approval lacks who or when",
    "verify.statement_version_missing": "the results of {group} {year}: version {versions} is missing",
    "verify.statement_differs": "the results of {group} {year}: do not say what their version {version} says",
    "verify.statement_audit_missing": "the results of {group} {year}: version {version} but {events} submissions in the audit trail",
    "verify.statement_missing": "the results of {group} {year}: versions are there but not the results themselves",
    "db.backup_written": "backup written: {path} ({size}, {entries} {entries:entry|entries}, schema {revision})",
    "db.out_exists": "{path} already exists; a backup never writes over a file (give a folder or a new name)",
    "db.no_backup_dir": "say where the backup goes: --out PATH or MLR_BACKUP_DIR",
    "db.tool_missing": "{tool} is not on PATH; install PostgreSQL's client programs (e.g. the package postgresql-client), version {version} or newer",
    "db.tool_failed": "{tool} failed: {error}",
    "db.cannot_write": "cannot write {path}: {error}",
    "db.disk_full": "no room on the disk at {path}; nothing was written (the partial file is removed)",
    "db.unreachable": "the database {url} cannot be reached: {error}",
    "db.not_a_backup": "{path} is not a backup made by mlr-bot (no readable {manifest} beside it)",
    "db.checksum_mismatch": "{path} does not match its checksum (SHA-256): the file was changed or cut short; nothing was written",
    "db.wrong_kind": "the backup is of a {source} database and the target is {target}; to move between them, restore into the same kind of database and use `mlr-bot db copy --to URL`",
    "db.newer_schema": "the backup has schema {revision}, newer than this version of mlr-bot ({head}); upgrade mlr-bot first",
    "db.target_has_entries": "{url} already holds {count} {count:entry|entries}; add --replace to replace everything in it with the backup",
    "db.restored": "restored from {path} into {url} (schema {revision}{upgraded})",
    "db.upgraded": ", upgraded to {head}",
    "db.restore_failed": "the restore failed and nothing was changed: {error}",
    "db.other_schema": "the backup is of schema {source} but {url} uses schema {target}; give a target whose search_path is {source}",
    "db.copy_failed": "the copy failed and the target is as it was: {error}",
    "db.same_database": "the source and the target are the same database ({url})",
    "db.source_behind": "the source {url} has schema {current}, not {head}: run `mlr-bot db upgrade` on it first",
    "db.target_newer": "the target {url} has schema {current}, newer than this version of mlr-bot ({head})",
    "db.target_not_empty": "the target {url} already holds {what}; copy only into an empty database (or one started once); nothing was changed",
    "db.found.entries": "{count} {count:entry|entries}",
    "db.found.statements": "{count} {count:statement|statements} of results",
    "db.found.plans": "{count} {count:plan|plans} a person made",
    "db.found.audit_events": "{count} {count:change|changes} in the audit trail a person made",
    "db.copy_mismatch": "{table}: {source} rows with checksum {source_sum} in the source, {target} with {target_sum} in the target; the copy was undone, nothing changed",
    "db.copy_done": "copied to {url}: {tables} tables, {rows} rows, counts and checksums equal on both sides (schema {revision})",
    "db.copy_line": "{table}: {rows} rows, sha256 {checksum}",
    "db.bad_url": "{option}: {value!r} is not a database URL (sqlite:///file.db or postgresql+psycopg://…)",
    "db.backup_failed_notice": ":warning: The scheduled backup {slot} failed: {error}. The bot carries on; see its log and MLR_BACKUP_DIR.",
    "jobs.backups": "backup to {folder}, cron '{cron}'{keep}; missed and failed ones are tried every minute",
    "jobs.backups_keep": ", the newest {keep} kept",
    "jobs.backups_keep_all": ", all kept",
    "check.backup_ok": "backups: {folder} is writable, cron '{cron}'",
    "check.backup_no_dir": "backups: MLR_BACKUP_CRON is set but MLR_BACKUP_DIR is not",
    "check.backup_dir_bad": "backups: {folder} cannot be written ({error}); every replica must reach the same storage",
    "check.backup_no_pg_dump": "backups: pg_dump is not on PATH, and every replica needs it",
    "config.backup_cron": "MLR_BACKUP_CRON must be five cron fields: minute hour day month weekday, e.g. '30 2 * * *' (got {value!r}: {error})",
    "config.backup_keep": "MLR_BACKUP_KEEP must be a whole number above 0 (got {value!r})",
}

CATALOGUES = {"sv": SV, "en": EN}


class _Formatter(string.Formatter):
    """str.format, and `{n:post|poster}` for a word that follows its number: the first form for 1."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return one if str(value) == "1" else many
        return str(super().format_field(value, format_spec))


_FORMATTER = _Formatter()


# A placeholder the texts write as people read it (`/mlr plan <grupp>`) would be taken by Slack for
# markup: it is sent escaped. Slack's own markup (<@U…>, <#C…>, <!…>, links) is left as it is.
_PLACEHOLDER = re.compile(r"<((?![@#!]|https?:|mailto:)[^<>]*)>")


class Markup(str):
    """A parameter that is already Slack markup the bot made on purpose (mentions like `<@U…>`), so a
    builder that escapes the parameters of a sentence (handlers.blocks.common.say_mrkdwn) leaves it be."""

    __slots__ = ()


def say(lang: str, message_id: str, /, **params: Any) -> str:
    template = _PLACEHOLDER.sub(r"&lt;\1&gt;", CATALOGUES[lang][message_id])
    return _FORMATTER.format(template, **params)


def say_plain(lang: str, message_id: str, /, **params: Any) -> str:
    """The sentence as a terminal or a form's error shows it: placeholders as written, nothing escaped."""
    return _FORMATTER.format(CATALOGUES[lang][message_id], **params)


def render(lang: str, message_id: str, params: dict[str, Any]) -> str:
    """A refusal or usage error as a sentence; an empty list of coordinators is said as such."""
    if "coordinators" in params and not params["coordinators"]:
        params = {**params, "coordinators": say(lang, "error.no_coordinators")}
    return say(lang, message_id, **params)
