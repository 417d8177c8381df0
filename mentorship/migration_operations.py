"""Migration operations of the project's own, used by the squashed migrations (see docs/ARCHITECTURE.md).

Old migrations import this module: change what an operation does and the databases it built differ."""

from django.db.migrations.operations.base import Operation, OperationCategory
from django.db.migrations.operations.models import CreateModel


class CreateModels(Operation):
    """The CreateModel operations in `operations`, in their order, with the project state's rendered models
    brought up to date once at the end instead of after each model.

    Each CreateModel re-renders every model related to the new one, directly or not, and in this project that is
    nearly every model (they all lead to the jobcenter), so a squash that creates 30 models renders some 2,500
    model classes while migrating. The database sees the same statements in the same order: each model is
    created from the state after the whole batch, and a model in a batch is never changed later in it."""

    category = OperationCategory.ADDITION

    def __init__(self, operations: list[CreateModel]) -> None:
        if not all(isinstance(operation, CreateModel) for operation in operations):
            raise TypeError("CreateModels takes CreateModel operations only.")
        self.operations = operations

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.operations], {})

    def state_forwards(self, app_label, state):
        rendered = state.__dict__.pop("apps", None)
        for operation in self.operations:
            operation.state_forwards(app_label, state)
        if rendered is not None:
            state.__dict__["apps"] = rendered
            state.reload_models([(app_label, operation.name_lower) for operation in self.operations], delay=False)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for operation in self.operations:
            operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        for operation in reversed(self.operations):
            operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def references_model(self, name, app_label):
        return any(operation.references_model(name, app_label) for operation in self.operations)

    def describe(self):
        return f"Create models {', '.join(operation.name for operation in self.operations)}"

    @property
    def migration_name_fragment(self):
        return "_".join(operation.migration_name_fragment for operation in self.operations)[:60]
