"""The package's description (Dublin Core, in the OAI-DC container): title, creator, the year covered, the
groups, language sv, and whether it is a draft or replaces an earlier package."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Description:
    package_id: str
    year: int
    organisation: str
    groups: list[str]  # the groups' names, in the plan's order
    draft_reasons: list[str]  # why the package is a draft (empty: it is not)
    replaces: str | None = None


def title(year: int, organisation: str) -> str:
    return f"{organisation}: verksamhetsplanens uppföljning {year} (mlr-bot)"


def build_description(description: Description) -> bytes:
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")

    def add(name: str, text: str, *, swedish: bool = False) -> None:
        element = etree.SubElement(root, f"{{{DC}}}{name}")
        element.text = text
        if swedish:
            element.set(XML_LANG, "sv")

    draft = bool(description.draft_reasons)
    add("title", ("UTKAST: " if draft else "") + title(description.year, description.organisation), swedish=True)
    add("creator", description.organisation)
    for name in description.groups:
        add("subject", name, swedish=True)
    summary = (
        f"Arbetsgruppernas loggade aktiviteter och resultat {description.year} med varje version och radering, "
        f"gruppernas redovisningar med bedömningar, aktiviteternas status och godkännanden, planerna och "
        f"årsredovisningen. Allmänna handlingar, förda i Slack med mlr-bot."
    )
    add("description", summary, swedish=True)
    if draft:
        add("description", "Utkast, inte slutligt: " + " ".join(description.draft_reasons), swedish=True)
    if description.replaces:
        add("description", f"Ersätter det tidigare levererade paketet {description.replaces}.", swedish=True)
        add("relation", f"Ersätter: {description.replaces}")
    add("date", str(description.year))
    add("coverage", str(description.year))
    add("type", "Dataset")
    add("type", "Text")
    add("identifier", description.package_id)
    add("language", "sv")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
