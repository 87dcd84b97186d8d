/** The named loop commands of the palette and the registry tool each one runs. */
export const LOOP_COMMANDS: readonly { readonly command: string; readonly tool: string }[] = [
  { command: 'productos.deploy', tool: 'cloudrun.deploy_service' },
  { command: 'productos.status', tool: 'cloudrun.get_service_status' },
  { command: 'productos.rollback', tool: 'cloudrun.rollback_service' },
  { command: 'productos.tailLogs', tool: 'logs.tail' },
  { command: 'productos.funnel', tool: 'analytics.funnel_summary' },
  { command: 'productos.topDrivers', tool: 'analytics.top_drivers' },
  { command: 'productos.writeInsight', tool: 'analytics.write_insight' },
  { command: 'productos.generatePosts', tool: 'marketing.generate_channel_posts' },
  { command: 'productos.publish', tool: 'marketing.publish_missinglettr' },
];
