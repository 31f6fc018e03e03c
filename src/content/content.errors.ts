import { OperatorError } from '../shared/errors';

/** A bureau-editable file in FLOWS_DIR is wrong; the message names the file and the place. */
export class ContentError extends OperatorError {}
