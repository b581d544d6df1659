// /health: liveness and the database kind.
import { http } from './http'

export const getHealth = () => http.get('/health', undefined, { auth: false })
