"""The package's root METS.xml by E-ARK CSIP 2.1.0 and SIP 2.1.0 (Riksarkivet's FGS Paketstruktur 2.0): the header
with its agents, the descriptive and preservation metadata referenced, every file with its size, MIME type and
SHA-256 checksum, and the CSIP structural map."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

METS = "http://www.loc.gov/METS/"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
SCHEMA_LOCATIONS = (
    f"{METS} http://www.loc.gov/standards/mets/mets.xsd "
    f"{XLINK} http://www.loc.gov/standards/mets/xlink.xsd "
    f"{CSIP} https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd "
    f"{SIP} https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd"
)
# What the package's content is, in CSIP's vocabularies: a dataset and a report document together ("Mixed"), of a
# content information type no E-ARK content specification covers ("OTHER", named in OTHERCONTENTINFORMATIONTYPE).
CONTENT_CATEGORY = "Mixed"
CONTENT_INFORMATION_TYPE = "OTHER"
OTHER_CONTENT_INFORMATION_TYPE = "mlr-bot records 1 (schemas/records.xsd)"
REPRESENTATION = "rep1"
DESCRIPTION_ID = "dmd-description"
PREMIS_ID = "digiprov-premis"


@dataclass(frozen=True)
class PackageFile:
    path: str  # relative to the package's root folder, with forward slashes
    size: int
    sha256: str
    mime: str


@dataclass(frozen=True)
class Header:
    package_id: str
    label: str
    created: datetime
    software: str
    software_version: str
    organisation: str
    organisation_id: str | None = None
    submission_agreement: str | None = None
    replaces: str | None = None


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _m(name: str) -> str:
    return _q(METS, name)


def _time(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def _reference(element: etree._Element, file: PackageFile, created: datetime) -> None:
    """The attributes CSIP asks of every mdRef and file: where, what, how big, when and its checksum."""
    element.set("MIMETYPE", file.mime)
    element.set("SIZE", str(file.size))
    element.set("CREATED", _time(created))
    element.set("CHECKSUM", file.sha256)
    element.set("CHECKSUMTYPE", "SHA-256")


def _locate(element: etree._Element, path: str) -> None:
    element.set("LOCTYPE", "URL")
    element.set(_q(XLINK, "type"), "simple")
    element.set(_q(XLINK, "href"), path)


def _mets(header: Header, objid: str) -> etree._Element:
    """A METS document's root and header, the same for the package and its representation."""
    root = etree.Element(
        _m("mets"),
        nsmap={"mets": METS, "csip": CSIP, "sip": SIP, "xlink": XLINK, "xsi": XSI},
    )
    root.set("OBJID", objid)
    root.set("LABEL", header.label)
    root.set("TYPE", CONTENT_CATEGORY)
    root.set(_q(CSIP, "CONTENTINFORMATIONTYPE"), CONTENT_INFORMATION_TYPE)
    root.set(_q(CSIP, "OTHERCONTENTINFORMATIONTYPE"), OTHER_CONTENT_INFORMATION_TYPE)
    root.set("PROFILE", SIP_PROFILE)
    root.set(_q(XSI, "schemaLocation"), SCHEMA_LOCATIONS)

    head = etree.SubElement(root, _m("metsHdr"))
    head.set("CREATEDATE", _time(header.created))
    head.set("LASTMODDATE", _time(header.created))
    head.set("RECORDSTATUS", "REPLACEMENT" if header.replaces else "NEW")
    head.set(_q(CSIP, "OAISPACKAGETYPE"), "SIP")
    software = etree.SubElement(head, _m("agent"), {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"})
    etree.SubElement(software, _m("name")).text = header.software
    version = etree.SubElement(software, _m("note"), {_q(CSIP, "NOTETYPE"): "SOFTWARE VERSION"})
    version.text = header.software_version
    archivist = etree.SubElement(head, _m("agent"), {"ROLE": "ARCHIVIST", "TYPE": "ORGANIZATION"})
    etree.SubElement(archivist, _m("name")).text = header.organisation
    if header.organisation_id:
        code = etree.SubElement(archivist, _m("note"), {_q(CSIP, "NOTETYPE"): "IDENTIFICATIONCODE"})
        code.text = header.organisation_id
    if header.submission_agreement:
        agreement = etree.SubElement(head, _m("altRecordID"), {"TYPE": "SUBMISSIONAGREEMENT"})
        agreement.text = header.submission_agreement
    if header.replaces:
        replaced = etree.SubElement(head, _m("altRecordID"), {"TYPE": "PREVIOUSREFERENCECODE"})
        replaced.text = header.replaces
    return root


def _file_group(
    section: etree._Element, group_id: str, use: str, files: list[PackageFile], created: datetime
) -> etree._Element:
    group = etree.SubElement(section, _m("fileGrp"), {"ID": group_id, "USE": use})
    if use.startswith("Representations"):
        group.set(_q(CSIP, "CONTENTINFORMATIONTYPE"), CONTENT_INFORMATION_TYPE)
        group.set(_q(CSIP, "OTHERCONTENTINFORMATIONTYPE"), OTHER_CONTENT_INFORMATION_TYPE)
    for number, file in enumerate(files, start=1):
        element = etree.SubElement(group, _m("file"), {"ID": f"{group_id}-file-{number:04d}"})
        _reference(element, file, created)
        _locate(etree.SubElement(element, _m("FLocat")), file.path)
    return group


def _serialise(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def representation_mets_path() -> str:
    return f"representations/{REPRESENTATION}/METS.xml"


def build_representation_mets(header: Header, files: list[PackageFile]) -> bytes:
    """representations/rep1/METS.xml: the representation's data files (paths relative to its folder)."""
    root = _mets(header, f"{header.package_id}/{REPRESENTATION}")
    section = etree.SubElement(root, _m("fileSec"), {"ID": f"filesec-{REPRESENTATION}"})
    _file_group(section, "grp-data", "Data", files, header.created)
    structure = etree.SubElement(root, _m("structMap"), {"ID": "structmap", "TYPE": "PHYSICAL", "LABEL": "CSIP"})
    top = etree.SubElement(structure, _m("div"), {"ID": f"div-{REPRESENTATION}", "LABEL": REPRESENTATION})
    data = etree.SubElement(top, _m("div"), {"ID": "div-data", "LABEL": "Data"})
    etree.SubElement(data, _m("fptr"), {"FILEID": "grp-data"})
    return _serialise(root)


def build_mets(header: Header, files: list[PackageFile]) -> bytes:
    """The package's METS.xml. `files` are every file of the package but METS.xml itself and those the
    representation's METS.xml lists: the metadata, the documentation, the schemas and the representation's METS."""
    created = header.created
    root = _mets(header, header.package_id)
    by_path = {file.path: file for file in files}
    description = by_path["metadata/descriptive/description.xml"]
    dmd = etree.SubElement(root, _m("dmdSec"), {"ID": DESCRIPTION_ID, "CREATED": _time(created), "STATUS": "CURRENT"})
    ref = etree.SubElement(dmd, _m("mdRef"))
    _locate(ref, description.path)
    ref.set("MDTYPE", "DC")
    _reference(ref, description, created)

    premis = by_path["metadata/preservation/premis.xml"]
    amd = etree.SubElement(root, _m("amdSec"), {"ID": "amd"})
    digiprov = etree.SubElement(amd, _m("digiprovMD"), {"ID": PREMIS_ID, "STATUS": "CURRENT"})
    ref = etree.SubElement(digiprov, _m("mdRef"))
    _locate(ref, premis.path)
    ref.set("MDTYPE", "PREMIS")
    _reference(ref, premis, created)

    section = etree.SubElement(root, _m("fileSec"), {"ID": "filesec"})
    representation = f"grp-{REPRESENTATION}"
    groups = (
        ("grp-documentation", "Documentation", [f for f in files if f.path.startswith("documentation/")]),
        ("grp-schemas", "Schemas", [f for f in files if f.path.startswith("schemas/")]),
        (representation, f"Representations/{REPRESENTATION}", [by_path[representation_mets_path()]]),
    )
    for group_id, use, members in groups:
        _file_group(section, group_id, use, members, created)

    structure = etree.SubElement(root, _m("structMap"), {"ID": "structmap", "TYPE": "PHYSICAL", "LABEL": "CSIP"})
    top = etree.SubElement(structure, _m("div"), {"ID": "div-package", "LABEL": header.package_id})
    etree.SubElement(
        top, _m("div"), {"ID": "div-metadata", "LABEL": "Metadata", "ADMID": PREMIS_ID, "DMDID": DESCRIPTION_ID}
    )
    for group_id, use, _members in groups:
        label = use.split("/")[0]
        division = etree.SubElement(top, _m("div"), {"ID": f"div-{label.lower()}", "LABEL": label})
        etree.SubElement(division, _m("fptr"), {"FILEID": group_id})
        if group_id == representation:
            # The representation's own METS, as CSIP points to it: a division named by its folder, with a pointer.
            pointed = etree.SubElement(division, _m("div"), {"ID": f"div-{REPRESENTATION}", "LABEL": use})
            pointer = etree.SubElement(pointed, _m("mptr"), {_q(XLINK, "title"): group_id})
            _locate(pointer, representation_mets_path())
    return _serialise(root)
