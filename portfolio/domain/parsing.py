"""From a file's data to a project: ``parse_project``, the one way data becomes a ``ProjectRecord``.

Data that is certainly valid (``portfolio.domain.acceptance``) becomes a record at once; any other
data goes to the pydantic model, whose errors say what is wrong. Either way the record is made from
the data the model accepts, so nothing downstream can tell which path was taken.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from portfolio.domain.acceptance import certainly_valid
from portfolio.domain.project_record import ProjectRecord, project_from_data

if TYPE_CHECKING:
    from pydantic import ValidationError

    from portfolio.domain.vocabulary import Vocabulary


def parse_project(data: Any, vocabulary: Vocabulary) -> ProjectRecord:
    """Validate file data against the model and vocabulary (raises pydantic's ValidationError)."""
    if certainly_valid(data, vocabulary):
        return project_from_data(data)
    from portfolio.domain.model import validated_model

    return project_from_data(validated_model(data, vocabulary).model_dump(mode="python"))


def try_parse_project(data: Any, vocabulary: Vocabulary) -> tuple[ProjectRecord | None, ValidationError | None]:
    """``parse_project``, with the model's errors returned instead of raised (pydantic is imported
    only when the data needs it)."""
    if certainly_valid(data, vocabulary):
        return project_from_data(data), None
    from pydantic import ValidationError

    from portfolio.domain.model import validated_model

    try:
        return project_from_data(validated_model(data, vocabulary).model_dump(mode="python")), None
    except ValidationError as error:
        return None, error
