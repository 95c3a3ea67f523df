import { SetMetadata } from '@nestjs/common';
import type { Permission } from './permission';

export const ACCESS_PERMISSION = 'corridor:access-permission';

/** Declares what a route requires; enforced by the global access guard. */
export const Access = (permission: Permission): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_PERMISSION, permission);
