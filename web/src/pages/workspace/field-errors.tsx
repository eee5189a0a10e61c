// Field errors from the API beside their input, for every workspace form: the message, and the
// aria attributes that tie the input to it. Names may be paths ("settings.periodFrom").
const idOf = (name: string) => `err-${name.replace(/\W/g, '-')}`;

export function FieldError({ errors, name }: { errors: Record<string, string>; name: string }) {
  return errors[name] ? <span className="field-error" id={idOf(name)}>{errors[name]}</span> : null;
}

export const invalidProps = (errors: Record<string, string>, name: string) => (errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': idOf(name) } : {});
