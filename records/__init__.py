"""The back office that the public intake forms feed.

Shared pieces live here (state machine, audit log, reference numbers, private files, upload checks,
notification emails, permissions, intake protection); each kind of record is its own app inside
(``records.grants``, ...). Nothing here imports page models.
"""
