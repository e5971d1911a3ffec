/** Public npm entry of `@eyelevel/widget`. */
export { createWidget } from './create-widget.js';
export type {
  Widget,
  WidgetContext,
  WidgetErrorDetail,
  WidgetEventName,
  WidgetIdentity,
  WidgetListener,
  WidgetOptions,
} from './core/options.js';
