"""SpiffWorkflow, wrapped: parse a definition, start, persist and restore a workflow.

Raadhuis decides *when* a task runs, not SpiffWorkflow's ``do_engine_steps``: gateways,
events, script and business rule (DMN) tasks run inline when the process advances; a
**service task** runs on its own, in a background step (an outbox event), so that each one
is retried — and parked — on its own and never runs inside a web request; a **user task**
waits for an employee in the werkplek.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.dmn.specs import BusinessRuleTaskMixin
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.spiff.specs.defaults import ServiceTask
from SpiffWorkflow.util.task import TaskState

# SpiffWorkflow logs every task state change at INFO: noise in a server log.
logging.getLogger("spiff").setLevel(logging.WARNING)

_serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))


class DefinitionError(ValueError):
    """The BPMN/DMN cannot be parsed or names no executable process."""


class Operations:
    """Service task operations by name: ``operation(step, **params) -> dict``."""

    def __init__(self):
        self._functions: dict[str, Callable] = {}

    def register(self, name: str):
        def decorator(func):
            self._functions[name] = func
            return func

        return decorator

    def get(self, name: str) -> Callable:
        if name not in self._functions:
            raise LookupError(f"Onbekende servicetaak-operatie: {name!r}")
        return self._functions[name]

    def names(self) -> list[str]:
        return sorted(self._functions)


OPERATIONS = Operations()


class ScriptEngine(PythonScriptEngine):
    """Python expressions for conditions and DMN cells; service tasks call ``OPERATIONS``
    with the step's context (the zaak, the instance) set by the runner."""

    def __init__(self):
        super().__init__(environment=TaskDataEnvironment({}))
        self.step = None

    def call_service(self, task, operation_name=None, operation_params=None, **kwargs):
        params = {name: value["value"] for name, value in (operation_params or {}).items()}
        result = OPERATIONS.get(operation_name)(self.step, task, **params)
        return json.dumps(result or {}, default=str)


@dataclass(frozen=True)
class ParsedDefinition:
    spec: object
    subprocess_specs: dict


def parse(bpmn: str, dmn: list[str], proces_id: str) -> ParsedDefinition:
    parser = SpiffBpmnParser()
    try:
        parser.add_bpmn_str(bpmn.encode("utf-8"))
        for table in dmn:
            parser.add_dmn_str(table.encode("utf-8"))
        spec = parser.get_spec(proces_id)
        subprocesses = parser.get_subprocess_specs(proces_id)
    except Exception as error:  # the parser raises many kinds; all mean "this file is wrong"
        raise DefinitionError(f"De procesdefinitie is ongeldig: {error}") from error
    return ParsedDefinition(spec, subprocesses)


@lru_cache(maxsize=64)
def _cached(bpmn: str, dmn: tuple[str, ...], proces_id: str) -> ParsedDefinition:
    return parse(bpmn, list(dmn), proces_id)


def start(definitie, data: dict) -> BpmnWorkflow:
    parsed = _cached(definitie.bpmn, tuple(definitie.dmn), definitie.proces_id)
    workflow = BpmnWorkflow(parsed.spec, parsed.subprocess_specs, script_engine=ScriptEngine())
    workflow.get_tasks(state=TaskState.READY)[0].data.update(data)
    return workflow


def dump(workflow: BpmnWorkflow) -> str:
    return _serializer.serialize_json(workflow)


def load(state: str) -> BpmnWorkflow:
    workflow = _serializer.deserialize_json(state)
    workflow.script_engine = ScriptEngine()
    return workflow


def is_service(task) -> bool:
    return isinstance(task.task_spec, ServiceTask)


def is_rule(task) -> bool:
    return isinstance(task.task_spec, BusinessRuleTaskMixin)


def ready_automatic(workflow) -> list:
    return [t for t in workflow.get_tasks(state=TaskState.READY) if not t.task_spec.manual]


def ready_user_tasks(workflow) -> list:
    return [t for t in workflow.get_tasks(state=TaskState.READY) if t.task_spec.manual]


def matched_rules(task) -> list:
    """The DMN rows that decided (computed again from the same data: the engine does not
    keep them), for the step log."""
    return task.task_spec.dmnEngine.decide(task)


def rule_inputs(task) -> dict:
    engine = task.task_spec.dmnEngine
    inputs = {}
    for item in engine.decision_table.inputs:
        try:
            inputs[item.label or item.expression] = task.workflow.script_engine.evaluate(
                task, item.expression
            )
        except Exception:  # noqa: BLE001 - a missing variable is shown as such, not fatal here
            inputs[item.label or item.expression] = None
    return inputs


def task_label(task) -> str:
    return task.task_spec.bpmn_name or task.task_spec.bpmn_id or task.task_spec.name


def properties(task) -> dict:
    return (getattr(task.task_spec, "extensions", None) or {}).get("properties", {})
