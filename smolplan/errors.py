"""The one exception the loader lets escape: a file that cannot be read as a plan at all."""


class PlanReadError(Exception):
    """Raised with a one-line Russian message that names what is wrong and, where known, where."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
