"""Structured logs: one JSON object a line, with the request id, and no personal data.

Personal data must never reach a log line. Two guards: the ORM's SQL debug logs (which would
carry the values of birth dates, penalties and scores) are held at INFO, and a filter replaces
values that look like personal data (dates of birth, NIPs) in every message.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import TextIO

from portal.observability.context import current_request_id

# NIP (18 digits starting with a birth date) and ISO dates: a birth date hides in both.
_NIP = re.compile(r"\b(19|20)\d{6}(19|20)\d{4}[12]\d{3}\b")
_DATE = re.compile(r"\b(19|20)\d{2}-\d{2}-\d{2}(?![\d:T])")
QUIET_LOGGERS = ("tortoise", "tortoise.db_client", "asyncpg", "aiosqlite", "httpx", "httpcore")


def redact(text: str) -> str:
    """``text`` without NIPs and calendar dates (timestamps with a time stay)."""
    return _DATE.sub("[date]", _NIP.sub("[nip]", text))


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message", "request_id", "exception"?}``."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id()
        if request_id:
            entry["request_id"] = request_id
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        request_id = current_request_id()
        return f"{text} [request {request_id}]" if request_id else text


def build_handler(log_format: str, stream: TextIO | None = None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.addFilter(RedactPersonalData())
    return handler


def logging_config(level: str = "INFO", log_format: str = "json") -> dict[str, object]:
    """A ``logging.config.dictConfig`` (uvicorn applies it in every worker process)."""
    formatter = "JsonFormatter" if log_format == "json" else "TextFormatter"
    quiet = {
        name: {"level": "INFO" if level.upper() == "DEBUG" else level.upper()}
        for name in QUIET_LOGGERS
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"main": {"()": f"portal.observability.logs.{formatter}"}},
        "filters": {"redact": {"()": "portal.observability.logs.RedactPersonalData"}},
        "handlers": {
            "main": {
                "class": "logging.StreamHandler",
                "formatter": "main",
                "filters": ["redact"],
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"level": level.upper(), "handlers": ["main"]},
        "loggers": {
            **quiet,
            "uvicorn": {"handlers": [], "propagate": True},
            "uvicorn.error": {"handlers": [], "propagate": True},
            "uvicorn.access": {"handlers": [], "propagate": False},  # our middleware logs
        },
    }
