"""Errors of the SensorThings API: a status and a message the client can act on."""

from __future__ import annotations


class STAError(Exception):
    status = 400

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status

    def body(self) -> dict:
        return {"code": self.status, "type": "error", "message": self.message}


class BadRequest(STAError):
    status = 400


class NotFound(STAError):
    status = 404


class NotImplementedYet(STAError):
    """501: a part of the standard this server does not implement (spec: "not supported")."""

    status = 501


class Forbidden(STAError):
    status = 403


class Unauthorized(STAError):
    status = 401
