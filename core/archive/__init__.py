"""The archive package (E-ARK SIP, FGS Paketstruktur 2.0): its records, METS, PREMIS and description as bytes."""
