import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { Ctx } from '@modules/access/request-context.decorator';
import { AuthService, type IssuedTokens } from './auth.service';
import { EnrolmentBeginDto, EnrolmentConfirmDto, LoginDto, RefreshDto } from './dto/auth.dto';
import { EnrolmentService, type EnrolmentChallenge } from './enrolment.service';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly enrolment: EnrolmentService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Access(Permission.Public)
  @ApiOperation({ summary: 'Sign in with email, password and a TOTP code' })
  login(@Ctx() ctx: RequestContext, @Body() body: LoginDto): Promise<IssuedTokens> {
    return this.auth.login(ctx, body);
  }

  @Post('refresh')
  @HttpCode(200)
  @Access(Permission.Public)
  @ApiOperation({ summary: 'Trade a refresh token for new tokens (each refresh token works once)' })
  refresh(@Ctx() ctx: RequestContext, @Body() body: RefreshDto): Promise<IssuedTokens> {
    return this.auth.refresh(ctx, body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @Access(Permission.StaffSelf)
  @ApiOperation({ summary: 'End this session' })
  logout(@Ctx() ctx: RequestContext): Promise<void> {
    return this.auth.logout(ctx);
  }

  @Post('enrolment')
  @HttpCode(200)
  @Access(Permission.Public)
  @ApiOperation({ summary: 'Enrolment step 1: set a password; receive the authenticator secret' })
  beginEnrolment(@Ctx() ctx: RequestContext, @Body() body: EnrolmentBeginDto): Promise<EnrolmentChallenge> {
    return this.enrolment.begin(ctx, body);
  }

  @Post('enrolment/confirm')
  @HttpCode(200)
  @Access(Permission.Public)
  @ApiOperation({ summary: 'Enrolment step 2: confirm with a code from the authenticator' })
  confirmEnrolment(@Ctx() ctx: RequestContext, @Body() body: EnrolmentConfirmDto): Promise<{ status: 'ACTIVE' }> {
    return this.enrolment.confirm(ctx, body);
  }
}
