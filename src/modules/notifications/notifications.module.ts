import { Global, Module } from '@nestjs/common';
import { NotificationEventsController } from './notification-events.controller';
import { NotificationStreamService } from './notification-stream.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** Global: every module may notify staff. */
@Global()
@Module({
  controllers: [NotificationsController, NotificationEventsController],
  providers: [NotificationsService, NotificationsRepository, NotificationStreamService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
