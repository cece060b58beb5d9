"""Batch requests (SensorThings 1.1, 11) in the JSON batch format of OData 4.01.

``POST $batch`` with ``{"requests": [{"id", "method", "url", "body", "atomicityGroup"}]}``.
Requests run in order; those sharing an ``atomicityGroup`` run in one transaction: when one
fails, none of them is kept and the others answer 424. A later request may start its url with
``$<id>`` to address the entity an earlier request created. Too many requests is a 400 for the
whole batch, before anything runs.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import transaction

from raadhuis.sensoren import api
from raadhuis.sensoren.errors import BadRequest, NotImplementedYet

METHODS = ("GET", "POST", "PATCH", "PUT", "DELETE")


class _GroupFailed(Exception):
    pass


def run(method: str, body, caller, base: str) -> dict:
    if method != "POST":
        raise BadRequest("$batch kent alleen POST.")
    requests = _requests(body)
    responses: list[dict] = []
    created: dict[str, str] = {}
    index = 0
    while index < len(requests):
        group = requests[index].get("atomicityGroup")
        members = [requests[index]]
        index += 1
        while group and index < len(requests) and requests[index].get("atomicityGroup") == group:
            members.append(requests[index])
            index += 1
        responses.extend(_run_group(members, caller, base, created) if group else
                         [_run_one(members[0], caller, base, created)])
    return {"responses": responses}


def _requests(body) -> list[dict]:
    if not isinstance(body, dict) or not isinstance(body.get("requests"), list):
        if isinstance(body, str) or body is None:
            raise NotImplementedYet("Alleen JSON-batches (OData 4.01) worden ondersteund, geen multipart.")
        raise BadRequest("Een batch is {\"requests\": [...]}.")
    requests = body["requests"]
    if len(requests) > settings.SENSORTHINGS_MAX_BATCH:
        limit = settings.SENSORTHINGS_MAX_BATCH
        raise BadRequest(f"Te veel verzoeken in één batch ({len(requests)} > {limit}).")
    ids = set()
    for number, request in enumerate(requests):
        if not isinstance(request, dict) or not isinstance(request.get("url"), str):
            raise BadRequest(f"Verzoek {number} in de batch mist een url.")
        if str(request.get("method", "")).upper() not in METHODS:
            raise BadRequest(f"Verzoek {number}: methode moet een van {', '.join(METHODS)} zijn.")
        request_id = str(request.get("id", number))
        if request_id in ids:
            raise BadRequest(f"Dubbel id '{request_id}' in de batch.")
        ids.add(request_id)
    return requests


def _run_one(request: dict, caller, base: str, created: dict) -> dict:
    request_id = str(request.get("id", ""))
    url = request["url"]
    if url.startswith("$"):
        ref, _, rest = url[1:].partition("/")
        if ref not in created:
            return _answer(request_id, api.Result(400, api.error_body(400, f"Onbekende verwijzing ${ref}.")))
        url = created[ref] + ("/" + rest if rest else "")
    path, query = api.split_url(url, base)
    result = api.handle(str(request["method"]).upper(), path, query, request.get("body"), caller, base)
    if result.status == 201 and "Location" in result.headers:
        created[request_id] = result.headers["Location"]
    return _answer(request_id, result)


def _run_group(members: list[dict], caller, base: str, created: dict) -> list[dict]:
    answers: list[dict] = []
    try:
        with transaction.atomic():
            for request in members:
                answer = _run_one(request, caller, base, created)
                answers.append(answer)
                if answer["status"] >= 400:
                    raise _GroupFailed
    except _GroupFailed:
        failed = answers[-1]
        return [failed if a is failed else {"id": a["id"], "status": 424} for a in answers] + [
            {"id": str(r.get("id", "")), "status": 424} for r in members[len(answers):]]
    return answers


def _answer(request_id: str, result) -> dict:
    answer = {"id": request_id, "status": result.status}
    if result.headers:
        answer["headers"] = dict(result.headers)
    if result.json_text is not None:
        answer["body"] = json.loads(result.json_text)
    elif result.body is not None:
        answer["body"] = result.body
    elif result.raw is not None:
        answer["body"] = result.raw
    return answer
