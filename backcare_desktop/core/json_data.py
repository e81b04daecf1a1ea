"""The shape of JSON data, as a type: what the person's files hold once parsed."""

from __future__ import annotations

from typing import TypeAlias

JsonValue: TypeAlias = "bool | int | float | str | list[JsonValue] | dict[str, JsonValue] | None"
"""Any value `json.loads` can return (and `json.dumps` can write)."""

JsonObject: TypeAlias = dict[str, JsonValue]
