"""Use cases: entry, rooms, presence, chat (rooms and private messages), blocks.

Modules: ``clock`` (the injected clock), ``ports`` (what services need from the outside: the outbound
port the transport implements, the safety screen), ``entry`` (anonymous entry and sessions), ``rooms``
(the catalogue), ``presence`` (who is online and in which room, on this node), ``message_log``
(acknowledged means stored: a bounded, group-committing writer), ``chat`` (join, leave, say, private
messages, blocks), ``identity`` (ids, tokens and keyed hashes).
"""
