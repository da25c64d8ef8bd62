/**
 * A prompt template of zero-shot classification: a string in which every `{}` is replaced by the
 * class name (`'a photo of a {}.'`), or a function of the class name and index.
 */
export type PromptTemplate = string | ((className: string, classIndex: number) => string);

/**
 * The prompt of class `classIndex` named `className` from `template`.
 * @throws Error when a string template has no `{}` placeholder (every class would get the same prompt).
 */
export function renderPrompt(template: PromptTemplate, className: string, classIndex: number): string {
  if (typeof template === 'function') return template(className, classIndex);
  if (!template.includes('{}')) throw new Error(`renderPrompt: template '${template}' has no '{}' placeholder for the class name`);
  return template.split('{}').join(className);
}
