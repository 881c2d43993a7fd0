"""Typed settings read once from ``JENJANG_*`` environment variables.

City-specific numbers of the rules live in :class:`RuleSettings`; an agency can override any of
them in its own row (``Agency.rule_overrides``), because Kota Serang and Kota Tangerang Selatan
do not always set the same numbers.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEMO_SECRET = "jenjang-demo-secret-not-for-production-use-000000"


class SettingsError(RuntimeError):
    """The environment does not describe a server that can start."""


class RuleSettings(BaseModel):
    """Numbers of the regulation rules; every one may differ per city."""

    # PP 11/2017 Pasal 190: a rotation is refused before 2 years in the current posting, and is
    # due (listed for HR, never refused) after 5.
    rotation_min_years: float = 2
    rotation_max_years: float = 5
    # PP 99/2000 jo PP 12/2002: regular rank promotion after 4 years in rank.
    promotion_min_years_in_rank: float = 4
    # PP 99/2000 jo PermenPANRB 6/2022: predikat at least Baik in each of the last N years.
    promotion_good_years: int = 2
    # SE MenPANRB 4/2013: tugas belajar after 1 year of service (some cities: 2).
    study_min_service_years: float = 1
    # SE MenPANRB 4/2013: maximum age at the start of study, by level.
    study_max_age: dict[str, int] = Field(
        default_factory=lambda: {"D3": 25, "S1": 25, "D4": 25, "S2": 37, "S3": 40}
    )
    # SE MenPANRB 4/2013: maximum duration in months by level.
    study_max_months: dict[str, int] = Field(
        default_factory=lambda: {
            "D1": 12,
            "D2": 24,
            "D3": 36,
            "D4": 48,
            "S1": 48,
            "S2": 24,
            "S3": 48,
        }
    )
    # SE MenPANRB 4/2013: programme accreditation at least B.
    study_min_accreditation: str = "B"
    # Tugas belajar needs predikat at least Baik in the last year (source unverified: a setting).
    study_requires_good_predikat: bool = True
    # PermenPANRB 1/2023 (unverified: check against the annex): a functional officer's rank
    # promotion needs 2 years in rank and the credit points the rank requires; the points come
    # from the annual predikat as a share of the level's yearly coefficient.
    functional_min_years_in_rank: float = 2
    credit_point_coefficient: dict[str, float] = Field(
        default_factory=lambda: {
            "terampil": 5.0,
            "mahir": 12.5,
            "penyelia": 25.0,
            "ahli pertama": 12.5,
            "ahli muda": 25.0,
            "ahli madya": 37.5,
            "ahli utama": 50.0,
        }
    )
    credit_point_share: dict[str, float] = Field(
        default_factory=lambda: {
            "SANGAT_BAIK": 1.5,
            "BAIK": 1.0,
            "BUTUH_PERBAIKAN": 0.75,
            "KURANG": 0.5,
            "SANGAT_KURANG": 0.25,
        }
    )
    # Credit points needed to rise from the rank (by its code); 150 from IV/a upward.
    credit_points_for_rank: dict[str, float] = Field(
        default_factory=lambda: {
            "III/a": 50.0,
            "III/b": 50.0,
            "III/c": 100.0,
            "III/d": 100.0,
            "IV/a": 150.0,
            "IV/b": 150.0,
            "IV/c": 150.0,
            "IV/d": 150.0,
        }
    )
    # PP 94/2021: moderate and severe penalties bar promotion and tugas belajar; light ones too
    # only where the agency says so (unverified).
    light_penalty_bars: bool = False
    # PermenPANRB 38/2017: job-person match categories.
    match_meets: float = 0.80
    match_still_meets: float = 0.68
    # PP 11/2017 Pasal 203 (unverified): at least 20 JP of development a year.
    training_min_hours: int = 20
    # Committee (tim penilai kinerja): quorum rule and share of approvals needed.
    committee_quorum: Literal["majority", "all", "any_reject_rejects"] = "majority"
    # Optional review stages an agency adds to every chain, e.g. ["HEAD_OF_OPD_REVIEW"].
    extra_stages: list[str] = Field(default_factory=list)
    # Returns for revision allowed before only approve or reject remain.
    max_return_rounds: int = 2
    # Working days allowed per stage before escalation.
    stage_due_working_days: dict[str, int] = Field(
        default_factory=lambda: {
            "SUPERVISOR_REVIEW": 5,
            "HEAD_OF_OPD_REVIEW": 5,
            "HR_REVIEW": 10,
            "HR_HEAD_REVIEW": 5,
            "POSITION_REVIEW": 5,
            "COMMITTEE_REVIEW": 10,
        }
    )
    # PermenPANRB 6/2022: the share of Sangat Baik an agency may give (depends on its own rating).
    max_share_sangat_baik: float = 0.30
    # PermenPANRB 6/2022: the cap applies only to OPDs (sub-units included) at least this large.
    distribution_min_unit_size: int = 5

    def merged(self, overrides: dict[str, Any] | None) -> RuleSettings:
        """These settings with an agency's own overrides applied."""
        if not overrides:
            return self
        return self.model_copy(update=overrides)


class Settings(BaseSettings):
    """The process's settings; build with :func:`get_settings`."""

    model_config = SettingsConfigDict(env_prefix="JENJANG_", env_nested_delimiter="__")

    database_url: str = Field(default_factory=lambda: f"sqlite://{Path.cwd() / 'jenjang.sqlite3'}")
    # PostgreSQL connections a process keeps in its pool (SQLite has one connection).
    database_pool_size: int = Field(default=5, ge=1, le=200)
    secret_key: str = ""
    demo: bool = False
    host: str = "127.0.0.1"
    port: int = 8000
    access_token_ttl_seconds: int = 3600
    # No access token lives longer, whatever it says (checked on every request).
    access_token_max_ttl_seconds: int = 12 * 3600
    # A subscription's token is checked again this often (revoked API tokens, disabled users).
    subscription_token_recheck_seconds: float = 30.0
    login_failure_delay_seconds: float = 0.5
    login_max_delay_seconds: float = 8.0
    # Attempts allowed in a window, counted before the password is checked (shared counters).
    login_max_attempts: int = 10
    login_max_attempts_per_address: int = 100
    login_window_seconds: int = 900
    # Shared counters of the rate limit and the login throttle live in Redis when this is set
    # (e.g. redis://127.0.0.1:6379/0), else in the database's rate_counter table.
    redis_url: str | None = None
    graphiql: bool = True
    # The web portal's session: signed out after this many idle seconds.
    session_idle_seconds: int = 1800
    # The time zone the pages show times in (Banten and its cities: WIB).
    timezone: str = "Asia/Jakarta"
    # Mark cookies Secure always (they are Secure anyway on requests that arrive over TLS).
    secure_cookies: bool = False
    introspection: bool = True
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 2000
    max_body_bytes: int = 100_000
    page_size_cap: int = 100
    # List pages (approvalQueue, employees) loaded whole in batched queries (schema.prefill).
    prefilled_pages: bool = True
    rate_limit_per_minute: int = 600
    # A mutation's idempotency claim whose call died (crash, outage) expires after this long.
    idempotency_claim_seconds: float = 30.0
    # The in-process escalation tick (`jenjang tick` does the same from cron).
    scheduler_enabled: bool = False
    scheduler_interval_seconds: float = 60.0
    training_budget_default: Decimal = Decimal("0")
    log_level: str = "INFO"
    # Where people reach the portal: links in e-mails and decree QR codes start with it.
    public_url: str = "http://127.0.0.1:8000"
    # One-time links that set a password (new account, reset) expire after this long.
    password_link_ttl_hours: int = 72
    password_min_length: int = 12
    # Berkas: a directory every server process shares (and the backup includes), files by SHA-256.
    document_dir: Path = Field(default_factory=lambda: Path.cwd() / "documents")
    document_max_bytes: int = 5 * 1024 * 1024
    # A request passes the HR stage only with every required document uploaded and not rejected.
    documents_required: bool = True
    # Decree numbers of the agency's register: {sequence}, {year}, {agency} (its code).
    decree_number_format: str = "800/{sequence:04d}/BKPSDM-{agency}/{year}"
    # Logs: one JSON object a line ("json") or plain text for a terminal ("text").
    log_format: Literal["json", "text"] = "json"
    # Integrations (portal.integrations): webhook delivery and email from the outbox.
    dispatcher_enabled: bool = False  # the dispatcher inside the server (or `jenjang dispatch`)
    dispatcher_interval_seconds: float = 1.0
    webhook_timeout_seconds: float = 10.0
    webhook_max_attempts: int = 8
    webhook_backoff_base_seconds: float = 30.0
    webhook_backoff_max_seconds: float = 3600.0
    # Only for tests and closed networks: let webhooks reach private and loopback addresses.
    webhook_allow_private: bool = False
    smtp_host: str = ""  # empty: no email
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True
    smtp_timeout_seconds: float = 10.0
    mail_from: str = "Jenjang <jenjang@localhost>"
    digest_hour_utc: int = 0  # the daily digest goes out after this hour (0 UTC = 07:00 WIB)
    metrics_enabled: bool = True
    metrics_token: str = ""  # when set, /metrics needs "Authorization: Bearer <token>"
    rules: RuleSettings = Field(default_factory=RuleSettings)

    @model_validator(mode="after")
    def _token_lifetime(self) -> Settings:
        if not 0 < self.access_token_ttl_seconds <= self.access_token_max_ttl_seconds:
            raise ValueError(
                "JENJANG_ACCESS_TOKEN_TTL_SECONDS must be between 1 and "
                f"JENJANG_ACCESS_TOKEN_MAX_TTL_SECONDS ({self.access_token_max_ttl_seconds})"
            )
        return self

    @model_validator(mode="after")
    def _demo_secret(self) -> Settings:
        if not self.secret_key and self.demo:
            self.secret_key = DEMO_SECRET
        return self

    def require_secret(self) -> None:
        """Refuse to serve without a secret outside demo mode."""
        if not self.secret_key:
            raise SettingsError(
                "JENJANG_SECRET_KEY is not set. Set it to a long random string "
                "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`), "
                "or set JENJANG_DEMO=1 to run the demo with a built-in key."
            )
        if len(self.secret_key) < 32:
            raise SettingsError("JENJANG_SECRET_KEY must be at least 32 characters long.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings, read from the environment once per process."""
    return Settings()
