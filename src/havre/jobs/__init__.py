"""Named, supervised background jobs.

Modules: ``runner`` (the one place background tasks start: each job restarts after a failure, with
backoff, and stops with the server).
"""
