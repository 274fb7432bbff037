// Route-level serializer for large or pre-serialised bodies (networks, geo layers, frames as
// JSON): the zod response schema still documents the route in /openapi.json, but the body is
// written with JSON.stringify (or as is, when it is already text) instead of being re-checked
// field by field.
export const rawJson = {
  serializerCompiler: () => (data: unknown) =>
    typeof data === 'string' ? data : JSON.stringify(data),
};
