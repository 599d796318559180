// Reserved: filled by the issue that owns this part of the schema.
export const sql = ``;
