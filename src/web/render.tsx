import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** A whole page as HTML. Preact escapes every text and attribute value it renders. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${render(page)}`;
}
