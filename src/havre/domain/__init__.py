"""Pure types and rules: no I/O, imports nothing of Havre's.

Modules: ``ids`` (typed ids, sortable message ids), ``users`` (genders, age bands, users),
``rooms`` (audiences, rooms, the default catalogue), ``messages`` (messages and private conversations),
``pseudo`` (pseudo rules and folding), ``departments`` (postal code to département), ``ratelimit``
(token buckets),
``policy`` (who may see and reach whom), ``verdict`` (the safety pipeline's typed answer).
"""
